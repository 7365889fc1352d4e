package dev.ferry.server.routing;

import dev.ferry.server.config.VirtualServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses the server block for a request on one listen address, in nginx's order
 * ({@code ngx_http_find_virtual_server}): exact name, longest leading wildcard, longest
 * trailing wildcard, regexes in config order, then the default server.
 */
public final class VirtualServerSelector {

    private final Map<String, VirtualServer> exact = new HashMap<>();
    private final List<Map.Entry<String, VirtualServer>> leading = new ArrayList<>();
    private final List<Map.Entry<String, VirtualServer>> trailing = new ArrayList<>();
    private final List<Map.Entry<Pattern, VirtualServer>> regexes = new ArrayList<>();
    private final VirtualServer defaultServer;

    /**
     * @param servers       the servers listening on this address, in config order
     * @param defaultServer the one marked {@code default_server}, or the first
     */
    public VirtualServerSelector(List<VirtualServer> servers, VirtualServer defaultServer) {
        this.defaultServer = defaultServer;
        for (VirtualServer server : servers) {
            for (String name : server.names()) {
                if (name.startsWith("~")) {
                    regexes.add(Map.entry(Pattern.compile(name.substring(1), Pattern.CASE_INSENSITIVE), server));
                } else if (name.startsWith("*.")) {
                    leading.add(Map.entry(name.substring(1), server)); // ".example.com"
                } else if (name.startsWith(".")) {
                    exact.putIfAbsent(name.substring(1), server);
                    leading.add(Map.entry(name, server));
                } else if (name.endsWith(".*")) {
                    trailing.add(Map.entry(name.substring(0, name.length() - 1), server)); // "www.example."
                } else {
                    exact.putIfAbsent(name, server); // the first server with a name wins
                }
            }
        }
    }

    /** The server for requests no name matches; its header settings apply before a request is read. */
    public VirtualServer defaultServer() {
        return defaultServer;
    }

    /** @param host the normalised host (lowercase, no port, no trailing dot), or "" when absent */
    public VirtualServer select(String host) {
        VirtualServer found = exact.get(host);
        if (found != null) {
            return found;
        }
        found = longest(leading, host, true);
        if (found != null) {
            return found;
        }
        found = longest(trailing, host, false);
        if (found != null) {
            return found;
        }
        for (Map.Entry<Pattern, VirtualServer> regex : regexes) {
            if (regex.getKey().matcher(host).find()) {
                return regex.getValue();
            }
        }
        return defaultServer;
    }

    private static VirtualServer longest(List<Map.Entry<String, VirtualServer>> wildcards, String host, boolean suffix) {
        VirtualServer best = null;
        int bestLength = -1;
        for (Map.Entry<String, VirtualServer> w : wildcards) {
            String part = w.getKey();
            boolean matches = suffix ? host.endsWith(part) && host.length() > part.length()
                    : host.startsWith(part) && host.length() > part.length();
            if (matches && part.length() > bestLength) {
                best = w.getValue();
                bestLength = part.length();
            }
        }
        return best;
    }
}
