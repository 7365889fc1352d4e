package dev.ferry.server.http;

import dev.ferry.server.config.ProxyRedirect;
import dev.ferry.server.config.ProxySettings;
import dev.ferry.server.vars.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The upstream response head as the client gets it (SPEC-nginx.md §5.3): nginx's hidden
 * headers and {@code proxy_hide_header} removed, the upstream's connection and framing
 * headers consumed, {@code Location}/{@code Refresh} rewritten by {@code proxy_redirect}.
 * Ferry's {@code Server}, {@code Date}, framing and {@code Connection} are added by the writer.
 */
final class UpstreamResponseHead {

    private static final Set<String> CONSUMED = Set.of("connection", "keep-alive", "transfer-encoding",
            "proxy-connection", "trailer", "te", "upgrade");

    private UpstreamResponseHead() {
    }

    /** The headers to pass; {@code upgrade} keeps {@code Upgrade} and {@code Connection} for a 101. */
    static HttpHeaders headers(HttpResponse response, ProxySettings proxy, RequestContext r, boolean upgrade) {
        HttpHeaders out = new DefaultHttpHeaders(false);
        for (Map.Entry<String, String> header : response.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (proxy.hideHeaders().contains(name)) {
                continue;
            }
            if (CONSUMED.contains(name) && !(upgrade && (name.equals("upgrade") || name.equals("connection")))) {
                continue;
            }
            if (name.equals("content-length") && upgrade) {
                continue;
            }
            String value = header.getValue();
            if (name.equals("location") || name.equals("refresh")) {
                value = redirect(value, proxy.redirect(), r, name.equals("refresh"));
            }
            out.add(header.getKey(), value);
        }
        return out;
    }

    /** The first proxy_redirect rule that matches rewrites the value (for Refresh, the part after "url="). */
    static String redirect(String value, ProxyRedirect redirect, RequestContext r, boolean refresh) {
        int start = 0;
        if (refresh) {
            int url = value.toLowerCase(Locale.ROOT).indexOf("url=");
            if (url < 0) {
                return value;
            }
            start = url + 4;
        }
        String target = value.substring(start);
        for (ProxyRedirect.Rule rule : redirect.rules()) {
            if (rule.regex() != null) {
                Matcher m = rule.regex().matcher(target);
                if (m.find() && m.start() == 0) {
                    return value.substring(0, start) + rule.to().evaluate(r) + target.substring(m.end());
                }
            } else if (target.startsWith(rule.from())) {
                return value.substring(0, start) + rule.to().evaluate(r) + target.substring(rule.from().length());
            }
        }
        return value;
    }
}
