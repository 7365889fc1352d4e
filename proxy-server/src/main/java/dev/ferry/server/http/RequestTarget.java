package dev.ferry.server.http;

import java.util.Locale;

/**
 * The parts of a request line's target and Host that routing needs, validated as nginx's
 * {@code ngx_http_validate_host} and {@code ngx_http_parse_request_line} do.
 *
 * @param path  the raw path (before {@code ?}), still escaped
 * @param args  the query string without {@code ?}, or {@code null}
 * @param host  the normalised host from an absolute target or the Host header: lowercase,
 *              no port, no trailing dot; "" when there is none
 */
public record RequestTarget(String path, String args, String host) {

    /** Returns {@code null} for a target or host nginx answers with 400. */
    static RequestTarget parse(String target, String hostHeader) {
        String host = null;
        String rest = target;
        if (!target.startsWith("/")) {
            int scheme = target.indexOf("://");
            if (scheme <= 0) {
                return null;
            }
            // The authority ends at the path or, with no path, at the query (RFC 9112 §3.2.2).
            int pathStart = scheme + 3;
            while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
                pathStart++;
            }
            host = target.substring(scheme + 3, pathStart);
            rest = pathStart == target.length() ? "/" : target.charAt(pathStart) == '?' ? "/" + target.substring(pathStart)
                    : target.substring(pathStart);
        }
        if (host == null) {
            host = hostHeader;
        }
        String normalisedHost = "";
        if (host != null) {
            normalisedHost = validateHost(host);
            if (normalisedHost == null) {
                return null;
            }
        }
        int q = rest.indexOf('?');
        return new RequestTarget(q < 0 ? rest : rest.substring(0, q), q < 0 ? null : rest.substring(q + 1), normalisedHost);
    }

    /** nginx's host check: no "/", no "\0", no ".." runs, balanced brackets; drops the port and one trailing dot. */
    static String validateHost(String host) {
        int end = host.length();
        boolean dot = false;
        boolean bracket = false;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            switch (c) {
                case '.' -> {
                    if (dot) {
                        return null;
                    }
                    dot = true;
                    continue;
                }
                case ':' -> {
                    if (!bracket) {
                        end = i;
                        i = host.length(); // the rest is the port
                        continue;
                    }
                }
                case '[' -> {
                    if (i != 0) {
                        return null;
                    }
                    bracket = true;
                }
                case ']' -> bracket = false;
                case '/', '\0', '\\' -> {
                    return null;
                }
                default -> {
                    if (c < 0x21 || c == 0x7f) {
                        return null;
                    }
                }
            }
            dot = false;
        }
        if (bracket) {
            return null;
        }
        String h = host.substring(0, end);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return null;
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
