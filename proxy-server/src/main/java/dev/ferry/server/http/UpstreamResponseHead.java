package dev.ferry.server.http;

import dev.ferry.server.config.HeaderNameSet;
import dev.ferry.server.config.ProxyRedirect;
import dev.ferry.server.config.ProxySettings;
import dev.ferry.server.vars.RequestContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The upstream response head as the client gets it (SPEC-nginx.md §5.3): nginx's hidden
 * headers and {@code proxy_hide_header} removed, the upstream's connection and framing
 * headers consumed, {@code Location}/{@code Refresh} rewritten by {@code proxy_redirect}.
 * Ferry's {@code Server}, {@code Date}, framing and {@code Connection} are added by ResponseHeads
 * and the exchange.
 */
final class UpstreamResponseHead {

    private static final HeaderNameSet CONSUMED = HeaderNameSet.of("connection", "keep-alive", "transfer-encoding",
            "proxy-connection", "trailer", "te", "upgrade");
    private static final HeaderNameSet KEPT_FOR_UPGRADE = HeaderNameSet.of("upgrade", "connection");
    /** Written by the caller, after the rest, from the framing it chose. */
    private static final HeaderNameSet FRAMING = HeaderNameSet.of("content-length");
    private static final HeaderNameSet CONNECTION = HeaderNameSet.of("connection");
    private static final HeaderNameSet REDIRECTED = HeaderNameSet.of("location", "refresh");
    /** Every name above: the rest (most headers) take one lookup here and one in the hidden set. */
    private static final HeaderNameSet SPECIAL = HeaderNameSet.of(Stream.of(CONSUMED, FRAMING, REDIRECTED)
            .flatMap(set -> set.names().stream()).toList());

    private UpstreamResponseHead() {
    }

    /**
     * Adds the headers to pass to {@code out}; {@code upgrade} keeps {@code Upgrade} and
     * {@code Connection} for a 101. {@code Content-Length} is left to the caller.
     *
     * @return whether the upstream's {@code Connection} header says {@code close} (read on the
     *         way: the headers are walked once)
     */
    static boolean copy(HttpResponse response, ProxySettings proxy, RequestContext r, boolean upgrade, HttpHeaders out) {
        boolean closes = false;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = response.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            CharSequence name = header.getKey();
            int hash = HeaderNameSet.hash(name);
            if (!SPECIAL.contains(name, hash)) {
                if (!proxy.hideHeaders().contains(name, hash)) {
                    out.add(name, header.getValue());
                }
                continue;
            }
            if (CONNECTION.contains(name, hash) && HeaderList.listsToken(header.getValue(), "close", true)) {
                closes = true;
            }
            if (proxy.hideHeaders().contains(name, hash) || FRAMING.contains(name, hash)) {
                continue;
            }
            if (CONSUMED.contains(name) && !(upgrade && KEPT_FOR_UPGRADE.contains(name))) {
                continue;
            }
            CharSequence value = header.getValue();
            if (REDIRECTED.contains(name)) {
                boolean refresh = name.length() == "refresh".length();
                value = redirect(value.toString(), proxy.redirect(), r, refresh);
            }
            out.add(name, value);
        }
        return closes;
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
