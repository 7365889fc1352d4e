package dev.ferry.server.http;

import dev.ferry.upstream.config.KeepaliveConfig;
import dev.ferry.conf.SourcePosition;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.ListenConfig;
import dev.ferry.server.config.VirtualServer;
import dev.ferry.server.routing.VirtualServerSelector;
import dev.ferry.upstream.Balancer;
import dev.ferry.upstream.Balancers;
import dev.ferry.upstream.PeerRegistry;
import dev.ferry.server.vars.Template;
import dev.ferry.upstream.config.ServerAddress;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a request needs from one loaded configuration: the server selector for each
 * listen address and a balancer for each upstream group. Immutable once built (but for the
 * cache of IP-literal targets of proxy_pass with variables); reload builds a new one and swaps
 * a single volatile reference, so a request finishes on the snapshot it started with.
 */
public final class RuntimeSnapshot {

    private final FerryConfig config;
    private final Map<String, VirtualServerSelector> selectors;
    private final Map<String, ListenConfig> listens;
    private final Map<String, Balancer> balancers;
    private final Map<String, KeepaliveConfig> keepalives;
    private final Map<SocketAddress, Balancer> literals = new ConcurrentHashMap<>();
    /** {@link #selectorFor} by the accepted connection's local address: no strings per connection. */
    private final Map<InetSocketAddress, VirtualServerSelector> byLocalAddress = new ConcurrentHashMap<>();

    /**
     * @param peers the process's peer state, kept across reloads so unchanged servers keep
     *              their health and weights
     */
    public RuntimeSnapshot(FerryConfig config, PeerRegistry peers) {
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
        this.listens = Collections.unmodifiableMap(firstListen);
        this.balancers = Map.copyOf(Balancers.buildAll(config.http().upstreams().values(), peers,
                Balancers::monotonicMillis, Balancers.threadLocalRandom()));
        Map<String, KeepaliveConfig> keepaliveMap = new HashMap<>();
        for (UpstreamConfig group : config.http().upstreams().values()) {
            keepaliveMap.put(group.key(), group.keepalive());
        }
        this.keepalives = Map.copyOf(keepaliveMap);
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
        VirtualServerSelector known = byLocalAddress.get(local);
        if (known != null) {
            return known;
        }
        VirtualServerSelector found = lookUp(local);
        if (found != null && byLocalAddress.size() < 64) { // a wildcard listener sees all of 127/8: bounded
            byLocalAddress.put(local, found);
        }
        return found;
    }

    private VirtualServerSelector lookUp(InetSocketAddress local) {
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

    /** The compiled {@code hash KEY} of a hashing group, or {@code null}. */
    public Template hashKey(String upstreamKey) {
        return config.http().hashKeys().get(upstreamKey);
    }

    public KeepaliveConfig keepalive(String upstreamKey) {
        return keepalives.getOrDefault(upstreamKey, KeepaliveConfig.OFF);
    }

    /**
     * For proxy_pass with variables that names an IP literal: a one-peer group, made once per
     * address. A host name is {@code null}: without a resolver nginx cannot proxy to it.
     */
    public Balancer literalBalancer(ServerAddress address, SourcePosition where) {
        if (address.unix() || !isIpLiteral(address.host())) {
            return null;
        }
        InetSocketAddress socket = new InetSocketAddress(address.host(), address.port());
        return literals.computeIfAbsent(socket, s -> {
            String name = Balancers.peerName(s);
            UpstreamServer server = UpstreamServer.implicit(name, List.of(s), where);
            return Balancers.roundRobin(new UpstreamConfig(name, List.of(server), true, server.position()),
                    Balancers::monotonicMillis); // a one-peer group: no state worth keeping
        });
    }

    private static boolean isIpLiteral(String host) {
        return host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.indexOf(':') >= 0;
    }
}
