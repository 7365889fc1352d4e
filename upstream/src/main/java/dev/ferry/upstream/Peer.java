package dev.ferry.upstream;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * One address of one upstream {@code server} line, with the state nginx keeps per peer in
 * {@code ngx_http_upstream_rr_peer_t}. The configuration fields are final; the counters are
 * guarded by the owning {@link PeerSet}'s lock.
 */
public final class Peer {

    private final String name;
    private final SocketAddress address;
    private final String server;
    private final int weight;
    private final int maxFails;
    private final long failTimeoutMillis;
    private final int maxConns;
    private final boolean down;

    int currentWeight;
    int effectiveWeight;
    int conns;
    int fails;
    long accessedMillis;
    long checkedMillis;

    Peer(String name, SocketAddress address, String server, int weight, int maxFails,
            long failTimeoutMillis, int maxConns, boolean down) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.server = Objects.requireNonNull(server, "server");
        this.weight = weight;
        this.maxFails = maxFails;
        this.failTimeoutMillis = failTimeoutMillis;
        this.maxConns = maxConns;
        this.down = down;
        this.effectiveWeight = weight;
    }

    /** {@code ip:port} as {@code $upstream_addr} shows it. */
    public String name() {
        return name;
    }

    public SocketAddress address() {
        return address;
    }

    /** The {@code server} argument as written in the config. */
    public String server() {
        return server;
    }

    public int weight() {
        return weight;
    }

    public int maxFails() {
        return maxFails;
    }

    public long failTimeoutMillis() {
        return failTimeoutMillis;
    }

    public int maxConns() {
        return maxConns;
    }

    public boolean down() {
        return down;
    }

    @Override
    public String toString() {
        return name;
    }
}
