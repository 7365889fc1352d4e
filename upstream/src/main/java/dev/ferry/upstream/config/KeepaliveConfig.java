package dev.ferry.upstream.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The idle connection cache of an upstream group ({@code ngx_http_upstream_keepalive_module},
 * nginx ≥ 1.29.7 semantics): every explicit {@code upstream} block caches 32 connections with
 * {@code local} unless told otherwise, {@code keepalive 0} turns the cache off, and implicit
 * upstreams ({@code proxy_pass http://host:port}) have none.
 *
 * @param connections idle connections kept per event loop for the whole group (nginx: per
 *                    worker); 0 means no cache
 * @param local       a cached connection is reused only by requests of the same location
 * @param timeout     {@code keepalive_timeout}: an idle cached connection is closed after this
 * @param requests    {@code keepalive_requests}: a connection is not cached again after this many requests
 * @param time        {@code keepalive_time}: a connection is not cached again once this old
 */
public record KeepaliveConfig(int connections, boolean local, Duration timeout, long requests, Duration time) {

    public static final int DEFAULT_CONNECTIONS = 32;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_REQUESTS = 1000;
    public static final Duration DEFAULT_TIME = Duration.ofHours(1);

    /** What an explicit {@code upstream} block gets without any keepalive directive. */
    public static final KeepaliveConfig DEFAULT =
            new KeepaliveConfig(DEFAULT_CONNECTIONS, true, DEFAULT_TIMEOUT, DEFAULT_REQUESTS, DEFAULT_TIME);

    /** No cache: implicit upstreams, and {@code keepalive 0}. */
    public static final KeepaliveConfig OFF =
            new KeepaliveConfig(0, false, DEFAULT_TIMEOUT, DEFAULT_REQUESTS, DEFAULT_TIME);

    public KeepaliveConfig {
        if (connections < 0 || requests < 0) {
            throw new IllegalArgumentException("keepalive connections and requests must be >= 0");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(time, "time");
    }

    /** Whether idle connections are cached at all. */
    public boolean enabled() {
        return connections > 0;
    }
}
