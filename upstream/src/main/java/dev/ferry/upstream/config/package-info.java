/** The upstream directives and their immutable, resolved configuration. */
package dev.ferry.upstream.config;
