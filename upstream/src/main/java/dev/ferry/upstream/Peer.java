package dev.ferry.upstream;

import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One address of one upstream {@code server} line, with the state nginx keeps per peer in
 * {@code ngx_http_upstream_rr_peer_t}. The configuration fields are final; the counters are
 * guarded by the lock of the group the peer belongs to ({@link PeerGroup#lock}), which every
 * event loop shares, so {@code conns} counts the connections of the whole process.
 *
 * <p>A {@link PeerRegistry} hands the same {@code Peer} to the balancer of the next
 * configuration when the peer's address and parameters did not change, so its health, weights
 * and open connections carry over a reload.
 */
public final class Peer {

    private static final Logger log = LoggerFactory.getLogger(Peer.class);

    private final String name;
    private final SocketAddress address;
    private final String server;
    private final int weight;
    private final int maxFails;
    private final long failTimeoutMillis;
    private final int maxConns;
    private final boolean backup;
    private final boolean down;

    /** What {@link Attempt#next()} returns for this peer, made once so a pick allocates nothing. */
    final Optional<Peer> optional = Optional.of(this);

    int currentWeight;
    int effectiveWeight;
    int conns;
    int fails;
    long accessedMillis;
    long checkedMillis;

    Peer(String name, SocketAddress address, String server, int weight, int maxFails,
            long failTimeoutMillis, int maxConns, boolean backup, boolean down) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.server = Objects.requireNonNull(server, "server");
        if (weight < 1 || maxFails < 0 || failTimeoutMillis < 0 || maxConns < 0) {
            throw new IllegalArgumentException("bad peer parameters for " + name);
        }
        this.weight = weight;
        this.maxFails = maxFails;
        this.failTimeoutMillis = failTimeoutMillis;
        this.maxConns = maxConns;
        this.backup = backup;
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

    public boolean backup() {
        return backup;
    }

    public boolean down() {
        return down;
    }

    /** The failure window of every get_*_peer: max_fails reached and fail_timeout not yet over. */
    boolean failedRecently(long now) {
        return maxFails > 0 && fails >= maxFails && now - checkedMillis <= failTimeoutMillis;
    }

    /** Every balancer's eligibility test: not down, not in its failure window, below max_conns. */
    boolean usable(long now) {
        return !down && !failedRecently(now) && !full();
    }

    /** max_conns reached (0 is no limit). */
    boolean full() {
        return maxConns > 0 && conns >= maxConns;
    }

    /**
     * A balancer chose this peer: one more connection, and the first pick after the failure
     * window opens a new one, so other requests skip the peer while this one probes it.
     */
    void picked(long now) {
        conns++;
        if (now - checkedMillis > failTimeoutMillis) {
            checkedMillis = now;
        }
    }

    /**
     * ngx_http_upstream_free_round_robin_peer: the attempt on this peer ended. A failure counts
     * toward max_fails and lowers the effective weight by weight/max_fails; anything else clears
     * the count, but only when the peer was picked after its last failure window (a probe).
     * In a single-peer set max_fails does not apply and the count is simply cleared.
     */
    void freed(Outcome outcome, long now, boolean single, String upstream) {
        conns--;
        if (single) {
            fails = 0;
            return;
        }
        if (outcome == Outcome.FAILURE) {
            fails++;
            accessedMillis = now;
            checkedMillis = now;
            if (maxFails > 0) {
                effectiveWeight -= weight / maxFails;
                if (fails >= maxFails) {
                    log.warn("upstream server temporarily disabled, upstream: \"{}\", peer: {}", upstream, name);
                }
            }
            if (effectiveWeight < 0) {
                effectiveWeight = 0;
            }
        } else if (accessedMillis < checkedMillis) {
            fails = 0;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
