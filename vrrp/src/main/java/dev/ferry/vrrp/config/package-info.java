/** The {@code vrrp_instance} block: its directives, their read-time checks, and keepalived's validation rules binding it into immutable records. */
package dev.ferry.vrrp.config;
