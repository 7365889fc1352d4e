package dev.ferry.upstream;

import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The peers of every upstream group, kept from one configuration to the next, keyed by the
 * group's name and each peer's address and parameters. When a reload builds the balancers of
 * the new configuration, a peer whose {@code server} line did not change is the very same
 * {@link Peer}: its failure window, effective weight and open connections carry over (and
 * requests still running on the old configuration free it on the same counters). nginx starts
 * every peer afresh on reload; Ferry does not.
 *
 * <p>When the list of peers of a group changed at all, the smooth round robin starts over
 * (current weights to 0) so that a sequence never mixes two peer lists. One registry lives as
 * long as the process; it is thread-safe.
 */
public final class PeerRegistry {

    private final Map<String, Entry> groups = new HashMap<>();

    /** The state of one group name: the lock its peers share, and its peers of the last build. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        List<PeerKey> order = List.of();
        Map<PeerKey, Deque<Peer>> peers = Map.of();
    }

    /** What must not change for a peer to keep its state. */
    private record PeerKey(SocketAddress address, String server, int weight, int maxFails, long failTimeoutMillis,
            int maxConns, boolean backup, boolean down) {
    }

    /** The peers of {@code config}, reusing those of the previous build of the same group name. */
    synchronized PeerGroup adopt(UpstreamConfig config, LongSupplier clockMillis) {
        Entry entry = groups.computeIfAbsent(config.key(), k -> new Entry());
        List<PeerKey> order = new ArrayList<>();
        Map<PeerKey, Deque<Peer>> peers = new HashMap<>();
        List<Peer> primaries = new ArrayList<>();
        List<Peer> backups = new ArrayList<>();
        List<Peer> reused = new ArrayList<>();
        for (UpstreamServer server : config.servers()) {
            for (SocketAddress address : server.addresses()) {
                PeerKey key = new PeerKey(address, server.address(), server.weight(), server.maxFails(),
                        server.failTimeout().toMillis(), server.maxConns(), server.backup(), server.down());
                Deque<Peer> old = entry.peers.get(key);
                Peer peer = old == null ? null : old.pollFirst();
                if (peer == null) {
                    peer = new Peer(Balancers.peerName(address), address, server.address(), server.weight(),
                            server.maxFails(), server.failTimeout().toMillis(), server.maxConns(), server.backup(),
                            server.down());
                } else {
                    reused.add(peer);
                }
                order.add(key);
                peers.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(peer);
                (server.backup() ? backups : primaries).add(peer);
            }
        }
        if (!order.equals(entry.order) && !reused.isEmpty()) {
            entry.lock.lock();
            try {
                reused.forEach(p -> p.currentWeight = 0);
            } finally {
                entry.lock.unlock();
            }
        }
        entry.order = List.copyOf(order);
        entry.peers = peers;
        boolean single = primaries.size() == 1 && backups.isEmpty();
        return new PeerGroup(config.name(), entry.lock, new PeerSet(primaries, single), new PeerSet(backups, false),
                clockMillis);
    }

    /** Forgets every group whose name is not among {@code groups} (they were removed from the config). */
    public synchronized void retainOnly(Collection<UpstreamConfig> groups) {
        Set<String> keep = groups.stream().map(UpstreamConfig::key).collect(Collectors.toSet());
        this.groups.keySet().retainAll(keep);
    }

    /** How many group names the registry holds state for. */
    public synchronized int size() {
        return groups.size();
    }
}
