package dev.ferry.upstream;

import java.util.List;

/**
 * A tier of peers, the primaries or the backups, like nginx's
 * {@code ngx_http_upstream_rr_peers_t}: its peers in config order, and the numbers the
 * balancers derive from them. Immutable; the peers' counters are guarded by the group's lock.
 */
final class PeerSet {

    final List<Peer> peers;
    /** nginx's {@code peers->single}: one primary address and no backups; max_fails is ignored. */
    final boolean single;
    /** Peers that are not {@code down}: what this tier adds to a request's tries. */
    final int tries;
    /** Sum of the configured weights, down peers included ({@code peers->total_weight}). */
    final int totalWeight;
    /** {@code ranges[i]}: the weight of the peers before peer i, as the random balancer's ranges. */
    private final long[] ranges;

    PeerSet(List<Peer> peers, boolean single) {
        this.peers = List.copyOf(peers);
        this.single = single;
        this.tries = (int) peers.stream().filter(p -> !p.down()).count();
        this.ranges = new long[peers.size()];
        long total = 0;
        for (int i = 0; i < peers.size(); i++) {
            ranges[i] = total;
            total += peers.get(i).weight();
        }
        this.totalWeight = (int) Math.min(total, Integer.MAX_VALUE);
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    int size() {
        return peers.size();
    }

    Peer get(int index) {
        return peers.get(index);
    }

    /**
     * The peer that owns weight unit {@code w} (0 ≤ w < totalWeight) when the peers' weights are
     * laid end to end in config order: the mapping of ip_hash, hash and random.
     */
    int byWeight(long w) {
        int i = 0;
        int j = ranges.length;
        while (j - i > 1) {
            int k = (i + j) >>> 1;
            if (w < ranges[k]) {
                j = k;
            } else {
                i = k;
            }
        }
        return i;
    }
}
