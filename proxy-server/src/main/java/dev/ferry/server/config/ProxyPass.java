package dev.ferry.server.config;

import dev.ferry.conf.SourcePosition;
import java.util.Objects;

/**
 * {@code proxy_pass http://HOST[:PORT][URI]}.
 *
 * @param upstream  the upstream group key (lowercased), named or implicit
 * @param proxyHost {@code $proxy_host}: the host, with the port unless it is the default
 * @param uri       the URI part, or {@code null} when the URL has none (the client's
 *                  request-target is then sent as it came)
 * @param position  where the directive was read
 */
public record ProxyPass(String upstream, String proxyHost, String uri, SourcePosition position) {

    public ProxyPass {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(proxyHost, "proxyHost");
        Objects.requireNonNull(position, "position");
    }
}
