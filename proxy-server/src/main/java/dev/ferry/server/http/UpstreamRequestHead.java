package dev.ferry.server.http;

import dev.ferry.server.config.HeaderEntry;
import dev.ferry.server.config.ProxySettings;
import dev.ferry.server.vars.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the request head sent upstream exactly as SPEC-nginx.md §5.2 (nginx ≥ 1.29.7): the
 * request line, {@code Host} first, then the {@code proxy_set_header} entries in config order
 * (an empty value is not sent and removes the client's header of that name), then the body
 * framing Ferry chose, then the client's headers in their order minus the hop-by-hop ones and
 * minus every name already listed.
 */
final class UpstreamRequestHead {

    /** Client headers never passed on: they describe the client's connection, or Ferry re-frames them. */
    private static final Set<String> NOT_PASSED = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "te", "trailer", "expect", "upgrade", "transfer-encoding", "content-length");

    /** How the body goes upstream. */
    enum Framing {
        /** No body: no Content-Length unless the client sent one (then "0"). */
        NONE,
        /** A known length. */
        LENGTH,
        /** Streamed with {@code Transfer-Encoding: chunked} (HTTP/1.1 upstreams only). */
        CHUNKED
    }

    private UpstreamRequestHead() {
    }

    /**
     * @param uri        the request-target for upstream (UpstreamUri)
     * @param framing    how the body is sent
     * @param bodyLength the length for {@link Framing#LENGTH}
     */
    static HttpRequest build(RequestContext r, ProxySettings proxy, String uri, Framing framing, long bodyLength) {
        HttpRequest client = r.request();
        HttpMethod method = proxy.method() == null ? client.method() : HttpMethod.valueOf(proxy.method().evaluate(r));
        HttpVersion version = proxy.httpVersion().equals("1.0") ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        HttpHeaders out = new DefaultHttpHeaders(false);

        Set<String> listed = new HashSet<>();
        String host = null;
        for (HeaderEntry entry : proxy.setHeaders()) {
            if (entry.name().equalsIgnoreCase("host")) {
                host = entry.value().evaluate(r);
            }
        }
        // Host comes first (nginx >= 1.29.7). An empty proxy_set_header Host sends none in 1.30;
        // the fall-back to $proxy_host is 1.31.4 mainline, which Ferry does not follow.
        if (host == null) {
            out.add("Host", r.proxyHost());
        } else if (!host.isEmpty()) {
            out.add("Host", host);
        }
        listed.add("host");
        for (HeaderEntry entry : proxy.setHeaders()) {
            String name = entry.name().toLowerCase(Locale.ROOT);
            listed.add(name);
            if (name.equals("host")) {
                continue;
            }
            String value = entry.value().evaluate(r);
            if (!value.isEmpty()) {
                out.add(entry.name(), value);
            }
        }
        switch (framing) {
            case LENGTH -> out.add("Content-Length", Long.toString(bodyLength));
            case CHUNKED -> out.add("Transfer-Encoding", "chunked");
            case NONE -> {
                if (client.headers().contains("Content-Length")) {
                    out.add("Content-Length", "0");
                }
            }
        }
        if (proxy.passRequestHeaders()) {
            for (Map.Entry<String, String> header : client.headers()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!listed.contains(name) && !NOT_PASSED.contains(name)) {
                    out.add(header.getKey(), header.getValue());
                }
            }
        }
        return new DefaultHttpRequest(version, method, uri, out);
    }
}
