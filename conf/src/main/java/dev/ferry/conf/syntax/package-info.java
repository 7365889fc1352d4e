/** Reads nginx configuration text into the untyped directive tree, byte for byte as nginx's ngx_conf_file.c does, expanding include on the way. */
package dev.ferry.conf.syntax;
