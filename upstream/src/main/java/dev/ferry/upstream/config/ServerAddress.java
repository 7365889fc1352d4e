package dev.ferry.upstream.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an upstream address the way nginx's {@code ngx_parse_url} does for a {@code server}
 * line or a {@code proxy_pass} host: {@code host[:port]}, {@code [ipv6]:port} or
 * {@code unix:/path}. Failures carry nginx's short reason ("invalid port", "host not found",
 * ...) for the caller to place in its own sentence.
 *
 * @param host the host part without brackets, or the socket path for unix addresses
 * @param port the port, or the default port when none was written; 0 for unix addresses
 * @param unix true for {@code unix:} addresses
 */
public record ServerAddress(String host, int port, boolean unix) {

    /** A parse or resolve failure; the message is nginx's {@code u->err} text. */
    public static final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason);
        }
    }

    /**
     * Reads {@code text} with the checks of nginx's {@code ngx_parse_url}, in its order: a
     * URI part ({@code /} or {@code ?}) is "invalid host" (a server address has none; a
     * proxy_pass caller cuts it off first), then the port, then an empty host, then, for
     * {@code [...]}, the IPv6 literal itself.
     */
    public static ServerAddress parse(String text, int defaultPort) throws Invalid {
        if (text.regionMatches(true, 0, "unix:", 0, 5)) {
            String path = text.substring(5);
            if (path.isEmpty()) {
                throw new Invalid("no path in the unix domain socket");
            }
            return new ServerAddress(path, 0, true);
        }
        if (text.startsWith("[")) {
            return parseInet6(text, defaultPort);
        }
        // ngx_parse_inet_url: the first ':' starts the port.
        if (text.indexOf('/') >= 0 || text.indexOf('?') >= 0) {
            throw new Invalid("invalid host");
        }
        int colon = text.indexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = colon < 0 ? defaultPort : parsePort(text.substring(colon + 1));
        if (host.isEmpty()) {
            throw new Invalid("no host");
        }
        return new ServerAddress(host, port, false);
    }

    /** ngx_parse_inet6_url: {@code [v6]} or {@code [v6]:port}. */
    private static ServerAddress parseInet6(String text, int defaultPort) throws Invalid {
        int close = text.indexOf(']');
        if (close < 0) {
            throw new Invalid("invalid host");
        }
        String rest = text.substring(close + 1);
        if (rest.indexOf('/') >= 0) {
            throw new Invalid("invalid host");
        }
        int port = defaultPort;
        if (!rest.isEmpty()) {
            if (rest.charAt(0) != ':') {
                throw new Invalid("invalid host");
            }
            port = parsePort(rest.substring(1));
        }
        String host = text.substring(1, close);
        if (host.isEmpty()) {
            throw new Invalid("no host");
        }
        if (host.indexOf('%') >= 0 || !isInet6Literal(host)) {
            throw new Invalid("invalid IPv6 address");
        }
        return new ServerAddress(host, port, false);
    }

    private static boolean isInet6Literal(String host) {
        try {
            Inet6Address.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** ngx_atoi then the 1..65535 range: digits only, leading zeros allowed. */
    private static int parsePort(String text) throws Invalid {
        if (text.isEmpty()) {
            throw new Invalid("invalid port");
        }
        long port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new Invalid("invalid port");
            }
            port = Math.min(port * 10 + (c - '0'), 1_000_000);
        }
        if (port < 1 || port > 65535) {
            throw new Invalid("invalid port");
        }
        return (int) port;
    }

    /** Every socket address this names; a host name that does not resolve is "host not found". */
    public List<SocketAddress> resolve(HostResolver resolver) throws Invalid {
        if (unix) {
            return List.of(UnixDomainSocketAddress.of(Path.of(host)));
        }
        List<InetAddress> found;
        try {
            found = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Invalid("host not found");
        }
        if (found.isEmpty()) {
            throw new Invalid("host not found");
        }
        List<SocketAddress> out = new ArrayList<>(found.size());
        for (InetAddress address : found) {
            out.add(new InetSocketAddress(address, port));
        }
        return out;
    }
}
