package dev.ferry.upstream.config;

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

    public static ServerAddress parse(String text, int defaultPort) throws Invalid {
        if (text.regionMatches(true, 0, "unix:", 0, 5)) {
            String path = text.substring(5);
            if (path.isEmpty()) {
                throw new Invalid("no path in the unix domain socket");
            }
            return new ServerAddress(path, 0, true);
        }
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new Invalid("invalid host");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw new Invalid("invalid host");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new Invalid("no host");
        }
        int port = defaultPort;
        if (portText != null) {
            port = parsePort(portText);
        }
        return new ServerAddress(host, port, false);
    }

    private static int parsePort(String text) throws Invalid {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Invalid("invalid port");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new Invalid("invalid port");
        }
        return port;
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
