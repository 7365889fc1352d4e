/** The http, core and proxy directives, and their binding into Ferry's immutable configuration model. */
package dev.ferry.server.config;
