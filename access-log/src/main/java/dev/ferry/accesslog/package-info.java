/**
 * nginx-format access logs: compiled log formats, the facts of a finished request, and the
 * writer that formats on the event loop and writes on a thread of its own.
 *
 * <p>Which variables come from where. The log module formats these itself, from
 * {@link dev.ferry.accesslog.RequestFacts} and the log time: {@code $time_local},
 * {@code $time_iso8601}, {@code $msec}, {@code $request_time}, {@code $status},
 * {@code $bytes_sent}, {@code $body_bytes_sent}, {@code $request_length}, {@code $pipe}
 * (nginx's own log operations), {@code $connection}, {@code $connection_requests},
 * {@code $remote_user} (decoded from the {@code http_authorization} variable), and the
 * upstream state variables {@code $upstream_addr}, {@code $upstream_status},
 * {@code $upstream_connect_time}, {@code $upstream_header_time},
 * {@code $upstream_response_time}, {@code $upstream_bytes_received},
 * {@code $upstream_bytes_sent}, {@code $upstream_response_length} (from
 * {@link dev.ferry.accesslog.UpstreamState}s). Every other variable ({@code $remote_addr},
 * {@code $remote_port}, {@code $request}, {@code $request_id}, {@code $host}, {@code $uri},
 * {@code $args}, {@code $http_NAME}, {@code $sent_http_NAME}, {@code $upstream_http_NAME},
 * {@code $server_name}, ...) is asked of the proxy by name through
 * {@link dev.ferry.accesslog.RequestFacts#variable}, and its existence is checked at load
 * with the proxy's predicate.
 */
package dev.ferry.accesslog;
