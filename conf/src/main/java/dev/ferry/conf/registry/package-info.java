/** The directive registry: which module owns which directive, and nginx's generic dispatch checks. */
package dev.ferry.conf.registry;
