package dev.ferry.server.http;

import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.config.ProxyPass;
import java.nio.charset.StandardCharsets;

/** The request-target sent upstream, by the rules of nginx's {@code ngx_http_proxy_create_key/request} (SPEC §5.1). */
final class UpstreamUri {

    private UpstreamUri() {
    }

    /**
     * @param pass     the location's proxy_pass
     * @param location the matched location
     * @param target   the client's request-target parts
     * @param uri      the normalised {@code $uri}
     */
    static String build(ProxyPass pass, LocationConfig location, RequestTarget target, String uri) {
        String args = target.args() == null ? "" : "?" + target.args();
        if (pass.uri() == null) {
            return target.path() + args; // sent as the client wrote it
        }
        int cut = Math.min(location.name().length(), uri.length());
        String rest = uri.substring(cut);
        if (target.path().indexOf('%') >= 0) {
            rest = escape(rest);
        }
        return pass.uri() + rest + args;
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
