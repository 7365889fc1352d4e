/** The access-log directives of nginx's ngx_http_log_module, read and bound into immutable per-level values. */
package dev.ferry.accesslog.config;
