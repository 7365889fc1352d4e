package dev.ferry.server.vars;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The computations behind the request variables, as {@code ngx_http_variables.c} makes them. */
final class RequestVariables {

    static final String HOSTNAME = hostname();

    private RequestVariables() {
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** {@code $request}: the request line as received. */
    static String requestLine(RequestContext r) {
        return r.request().method().name() + " " + r.request().uri() + " " + r.request().protocolVersion().text();
    }

    /** {@code $http_x_forwarded_for} → header {@code x-forwarded-for}. */
    static String headerName(String suffix) {
        return suffix.replace('_', '-');
    }

    /** All values of a header joined with ", " ("; " for Cookie), or {@code null} when absent. */
    static String joined(HttpHeaders headers, String name) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(name.equalsIgnoreCase("cookie") ? "; " : ", ", values);
    }

    /** {@code $arg_NAME}: the raw value of the first argument of that name, compared case-insensitively. */
    static String arg(String args, String name) {
        if (args == null) {
            return null;
        }
        int i = 0;
        while (i <= args.length()) {
            int end = args.indexOf('&', i);
            if (end < 0) {
                end = args.length();
            }
            int eq = args.indexOf('=', i);
            if (eq > i && eq < end && eq - i == name.length() && args.regionMatches(true, i, name, 0, name.length())) {
                return args.substring(eq + 1, end);
            }
            if (eq < 0 || eq > end) {
                if (end - i == name.length() && args.regionMatches(true, i, name, 0, name.length())) {
                    return "";
                }
            }
            i = end + 1;
        }
        return null;
    }

    /** {@code $cookie_NAME} from the Cookie headers. */
    static String cookie(HttpHeaders headers, String name) {
        for (String header : headers.getAll("Cookie")) {
            for (String pair : header.split(";")) {
                String p = pair.strip();
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).equals(name)) {
                    return p.substring(eq + 1);
                }
            }
        }
        return null;
    }

    /** {@code $remote_user}: the user of HTTP Basic authentication, else not found. */
    static String remoteUser(RequestContext r) {
        String auth = r.request().headers().get("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String proxyPort(RequestContext r) {
        String host = r.proxyHost();
        if (host == null) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(colon + 1) : "80";
    }

    /** The client's X-Forwarded-For values joined by ", ", then the client address. */
    static String proxyAddXForwardedFor(RequestContext r) {
        String forwarded = joined(r.request().headers(), "X-Forwarded-For");
        String addr = r.remote().getAddress().getHostAddress();
        return forwarded == null ? addr : forwarded + ", " + addr;
    }
}
