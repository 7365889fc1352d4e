package dev.ferry.server.http;

import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.ListenConfig;
import dev.ferry.server.config.VirtualServer;
import dev.ferry.server.routing.VirtualServerSelector;
import dev.ferry.upstream.Balancer;
import dev.ferry.upstream.Balancers;
import dev.ferry.upstream.config.UpstreamConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a request needs from one loaded configuration: the server selector for each
 * listen address and a balancer for each upstream group. Immutable once built; reload builds
 * a new one and swaps a single volatile reference, so a request finishes on the snapshot it
 * started with.
 */
public final class RuntimeSnapshot {

    private final FerryConfig config;
    private final Map<String, VirtualServerSelector> selectors;
    private final Map<String, ListenConfig> listens;
    private final Map<String, Balancer> balancers;

    public RuntimeSnapshot(FerryConfig config) {
        this.config = config;
        Map<String, List<VirtualServer>> byAddress = new LinkedHashMap<>();
        Map<String, VirtualServer> defaults = new HashMap<>();
        Map<String, ListenConfig> firstListen = new LinkedHashMap<>();
        for (VirtualServer server : config.http().servers()) {
            for (ListenConfig listen : server.listens()) {
                String key = listen.addressKey();
                List<VirtualServer> servers = byAddress.computeIfAbsent(key, k -> new ArrayList<>());
                if (!servers.contains(server)) {
                    servers.add(server);
                }
                firstListen.putIfAbsent(key, listen);
                if (listen.defaultServer()) {
                    defaults.putIfAbsent(key, server);
                }
            }
        }
        Map<String, VirtualServerSelector> selectorMap = new HashMap<>();
        byAddress.forEach((key, servers) ->
                selectorMap.put(key, new VirtualServerSelector(servers, defaults.getOrDefault(key, servers.get(0)))));
        this.selectors = Map.copyOf(selectorMap);
        this.listens = java.util.Collections.unmodifiableMap(firstListen);
        Map<String, Balancer> balancerMap = new HashMap<>();
        for (UpstreamConfig group : config.http().upstreams().values()) {
            balancerMap.put(group.key(), Balancers.roundRobin(group, Balancers::monotonicMillis));
        }
        this.balancers = Map.copyOf(balancerMap);
    }

    public FerryConfig config() {
        return config;
    }

    /** The listen addresses to bind, one per address:port, with the options of the first listen. */
    public Map<String, ListenConfig> listens() {
        return listens;
    }

    /**
     * The selector for a connection accepted on {@code local}: the address-specific group
     * if there is one, else the wildcard group of that port (nginx's getsockname() step).
     */
    public VirtualServerSelector selectorFor(InetSocketAddress local) {
        String host = local.getAddress().getHostAddress();
        String exact = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + local.getPort();
        VirtualServerSelector selector = selectors.get(exact);
        if (selector == null) {
            selector = selectors.get("0.0.0.0:" + local.getPort());
        }
        return selector;
    }

    public Balancer balancer(String upstreamKey) {
        return balancers.get(upstreamKey);
    }
}
