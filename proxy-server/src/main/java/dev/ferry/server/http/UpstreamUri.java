package dev.ferry.server.http;

import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.vars.RequestContext;
import java.nio.charset.StandardCharsets;

/**
 * The request-target sent upstream, by the rules of SPEC-nginx.md §5.1, in wire form: one char
 * per byte, as the request decoder keeps the client's target and as {@link RequestEncoder} writes
 * it. {@code $uri} and the configuration's text are Unicode; their UTF-8 bytes are what nginx
 * sends ({@link #wire}).
 */
final class UpstreamUri {

    private UpstreamUri() {
    }

    static String build(UpstreamTarget upstream, RequestContext r, RequestTarget target) {
        if (upstream.pass().isDynamic()) {
            // A URL with variables: its URI part is sent exactly, without the args.
            // The evaluated URL mixes both forms ($uri, $request_uri); it goes as UTF-8, as it did
            // when Netty's encoder wrote every target as UTF-8.
            return upstream.exactUri() != null ? wire(upstream.exactUri()) : noUriPart(r, target);
        }
        String uriPart = upstream.pass().uri();
        if (uriPart == null) {
            return noUriPart(r, target);
        }
        String args = r.args() == null ? "" : "?" + r.args();
        LocationConfig location = r.location();
        int cut = Math.min(location.name().length(), r.uri().length());
        String rest = r.uri().substring(cut);
        // nginx escapes the decoded $uri again only if the client's target had escapes in it
        // (or the request moved internally); otherwise $uri's bytes go as they are.
        rest = r.internal() || target.path().indexOf('%') >= 0 ? escape(rest) : wire(rest);
        return wire(uriPart) + rest + args;
    }

    /** No URI part: the client's request-target as it came, unless Ferry moved the request internally. */
    private static String noUriPart(RequestContext r, RequestTarget target) {
        String args = r.args() == null ? "" : "?" + r.args();
        if (r.internal()) {
            return escape(r.uri()) + args;
        }
        return target.path() + args;
    }

    /** {@code s}'s UTF-8 bytes, one char per byte. */
    static String wire(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return s;
    }

    /** nginx's NGX_ESCAPE_URI set: controls, space, '#', '%', '?', DEL and bytes >= 0x80. */
    static String escape(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b <= 0x20 || b == '#' || b == '%' || b == '?' || b >= 0x7f) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }
}
