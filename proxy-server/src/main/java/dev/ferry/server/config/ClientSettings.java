package dev.ferry.server.config;

import java.time.Duration;

/**
 * Client-side settings of one location after inheritance (SPEC-nginx.md §5.4, §5.5).
 *
 * @param maxBodySize       {@code client_max_body_size}, 0 = unlimited (default 1m)
 * @param bodyBufferSize    {@code client_body_buffer_size} (default 16k)
 * @param bodyTimeout       {@code client_body_timeout}
 * @param sendTimeout       {@code send_timeout}
 * @param keepaliveTimeout  {@code keepalive_timeout}, zero turns client keep-alive off
 * @param keepaliveRequests {@code keepalive_requests}
 * @param keepaliveTime     {@code keepalive_time}
 */
public record ClientSettings(long maxBodySize, long bodyBufferSize, Duration bodyTimeout, Duration sendTimeout,
        Duration keepaliveTimeout, long keepaliveRequests, Duration keepaliveTime) {
}
