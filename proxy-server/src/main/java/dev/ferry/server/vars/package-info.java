/** nginx variables: the catalog, compiled templates, and the per-request context they read. */
package dev.ferry.server.vars;
