package dev.ferry.server.http;

import java.time.Duration;

/**
 * The idle-connection cache of an upstream group (ngx_http_upstream_keepalive_module, nginx
 * ≥ 1.29.7 defaults): {@code connections} idle connections per event loop (LRU), closed after
 * {@code timeout} idle, not reused after {@code requests} requests or {@code time} of life.
 */
public record UpstreamKeepalive(int connections, Duration timeout, long requests, Duration time) {

    /** Explicit upstream{} blocks: keepalive 32, 60s, 1000 requests, 1h. */
    public static final UpstreamKeepalive DEFAULT = new UpstreamKeepalive(32, Duration.ofSeconds(60), 1000, Duration.ofHours(1));

    /** Implicit upstreams (a bare proxy_pass address) have no cache. */
    public static final UpstreamKeepalive NONE = new UpstreamKeepalive(0, Duration.ZERO, 0, Duration.ZERO);
}
