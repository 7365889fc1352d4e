package dev.ferry.server.http;

import dev.ferry.upstream.config.KeepaliveConfig;
import dev.ferry.server.config.ProxyPass;
import dev.ferry.server.vars.RequestContext;
import dev.ferry.upstream.Balancer;
import dev.ferry.upstream.config.ServerAddress;
import dev.ferry.upstream.config.UpstreamConfig;

/**
 * Where one request is proxied: the upstream group (its balancer and keep-alive cache), the
 * request's {@code $proxy_host}, and for a URL with variables the URI it evaluated to. A
 * failure carries nginx's error-log text and the status the client gets.
 *
 * @param key        the group's key (pool key)
 * @param balancer   the group's balancer
 * @param keepalive  the group's idle-connection cache
 * @param proxyHost  {@code $proxy_host}
 * @param exactUri   for a URL with variables and a URI part: the request-target to send as is
 * @param error      why the request cannot be proxied, or {@code null}
 * @param errorStatus the status for {@code error}
 */
record UpstreamTarget(String key, Balancer balancer, KeepaliveConfig keepalive, String proxyHost, String exactUri,
        ProxyPass pass, String error, int errorStatus) {

    static UpstreamTarget resolve(RequestContext r, ProxyPass pass, RuntimeSnapshot snapshot) {
        if (!pass.isDynamic()) {
            return new UpstreamTarget(pass.upstream(), snapshot.balancer(pass.upstream()),
                    snapshot.keepalive(pass.upstream()), pass.proxyHost(), null, pass, null, 0);
        }
        String url = pass.dynamicUrl().evaluate(r);
        if (!url.regionMatches(true, 0, "http://", 0, 7)) {
            return failure("invalid URL prefix in \"" + url + "\"", 500, pass);
        }
        int slash = indexOfUriStart(url, 7);
        String authority = slash < 0 ? url.substring(7) : url.substring(7, slash);
        String uri = slash < 0 ? null : url.substring(slash);
        if (uri != null && uri.startsWith("?")) {
            uri = "/" + uri; // nginx puts a "/" before a bare query
        }
        ServerAddress address;
        try {
            address = ServerAddress.parse(authority, 80);
        } catch (ServerAddress.Invalid e) {
            return failure(e.getMessage() + " in upstream \"" + authority + "\"", 502, pass);
        }
        String proxyHost = address.port() == 80 && authority.endsWith(":80")
                ? authority.substring(0, authority.length() - 3) : authority;
        // An upstream{} name is compared first, port included, case-insensitively.
        String key = UpstreamConfig.key(authority);
        Balancer named = snapshot.balancer(key);
        if (named == null && !authority.contains(":")) {
            key = UpstreamConfig.key(address.host());
            named = snapshot.balancer(key);
        }
        if (named != null) {
            return new UpstreamTarget(key, named, snapshot.keepalive(key), proxyHost, uri, pass, null, 0);
        }
        Balancer literal = snapshot.literalBalancer(address, pass.position());
        if (literal == null) {
            return failure("no resolver defined to resolve " + address.host(), 502, pass);
        }
        return new UpstreamTarget(literal.name(), literal, KeepaliveConfig.OFF, proxyHost, uri, pass, null, 0);
    }

    private static int indexOfUriStart(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    private static UpstreamTarget failure(String error, int status, ProxyPass pass) {
        return new UpstreamTarget(null, null, KeepaliveConfig.OFF, null, null, pass, error, status);
    }
}
