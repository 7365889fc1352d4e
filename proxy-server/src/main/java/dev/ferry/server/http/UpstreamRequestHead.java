package dev.ferry.server.http;

import dev.ferry.server.config.HeaderEntry;
import dev.ferry.server.config.HeaderNameSet;
import dev.ferry.server.config.ProxySettings;
import dev.ferry.server.vars.RequestContext;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the request head sent upstream exactly as SPEC-nginx.md §5.2 (nginx ≥ 1.29.7): the
 * request line, {@code Host} first, then the {@code proxy_set_header} entries in config order
 * (an empty value is not sent and removes the client's header of that name), then the body
 * framing Ferry chose, then the client's headers in their order minus the hop-by-hop ones and
 * minus every name already listed.
 */
final class UpstreamRequestHead {

    /** Client headers never passed on: they describe the client's connection, or Ferry re-frames them. */
    private static final HeaderNameSet NOT_PASSED = HeaderNameSet.of("host", "connection", "keep-alive", "proxy-connection",
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
        HttpHeaders out = new HeaderList();
        String host = null;
        for (int i = 0; i < proxy.setHeaders().size(); i++) { // indexed: no iterator per loop on the hot path
            HeaderEntry entry = proxy.setHeaders().get(i);
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
        for (int i = 0; i < proxy.setHeaders().size(); i++) {
            HeaderEntry entry = proxy.setHeaders().get(i);
            if (entry.name().equalsIgnoreCase("host")) {
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
            for (Iterator<Map.Entry<CharSequence, CharSequence>> it = client.headers().iteratorCharSequence(); it.hasNext(); ) {
                Map.Entry<CharSequence, CharSequence> header = it.next();
                CharSequence name = header.getKey();
                if (!NOT_PASSED.contains(name) && !listed(proxy, name)) {
                    out.add(name, header.getValue());
                }
            }
        }
        // Without a body the head is the whole request: a full message is encoded in one write.
        return framing == Framing.NONE
                ? new DefaultFullHttpRequest(version, method, uri, Unpooled.EMPTY_BUFFER, out, EmptyHttpHeaders.INSTANCE)
                : new DefaultHttpRequest(version, method, uri, out);
    }

    /** Whether proxy_set_header names {@code name} (a handful of entries: a scan beats a set). */
    private static boolean listed(ProxySettings proxy, CharSequence name) {
        for (int i = 0; i < proxy.setHeaders().size(); i++) {
            HeaderEntry entry = proxy.setHeaders().get(i);
            if (AsciiString.contentEqualsIgnoreCase(entry.name(), name)) {
                return true;
            }
        }
        return false;
    }
}
