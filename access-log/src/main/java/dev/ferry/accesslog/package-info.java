/** nginx-format access logs: log_format compilation and the non-blocking writer (issue 5). */
package dev.ferry.accesslog;
