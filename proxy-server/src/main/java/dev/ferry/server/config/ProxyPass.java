package dev.ferry.server.config;

import dev.ferry.conf.SourcePosition;
import dev.ferry.server.vars.Template;
import java.util.Objects;

/**
 * {@code proxy_pass http://HOST[:PORT][URI]}.
 *
 * @param upstream      the upstream group key (lowercased), named or implicit; {@code null}
 *                      when the URL has variables and is resolved per request
 * @param proxyHost     {@code $proxy_host}: the host, with the port unless it is the default
 * @param hostAsWritten the host[:port] part as written, for {@code proxy_redirect default}
 * @param uri           the URI part, or {@code null} when the URL has none (the client's
 *                      request-target is then sent as it came)
 * @param dynamicUrl    the whole URL when it has variables, else {@code null}
 * @param position      where the directive was read
 */
public record ProxyPass(String upstream, String proxyHost, String hostAsWritten, String uri, Template dynamicUrl,
        SourcePosition position) {

    public ProxyPass {
        if (dynamicUrl == null) {
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(proxyHost, "proxyHost");
        }
        Objects.requireNonNull(position, "position");
    }

    public boolean isDynamic() {
        return dynamicUrl != null;
    }
}
