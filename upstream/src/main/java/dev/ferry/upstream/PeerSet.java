package dev.ferry.upstream;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tier of peers (the primaries, or the backups) sharing one lock, like nginx's
 * {@code ngx_http_upstream_rr_peers_t} with a zone: every event loop sees the same counters.
 */
final class PeerSet {

    final List<Peer> peers;
    final ReentrantLock lock = new ReentrantLock();
    /** nginx's {@code peers->single}: one primary address and no backups; max_fails is ignored. */
    final boolean single;
    /** Peers that are not {@code down}: what this tier adds to a request's tries. */
    final int tries;

    PeerSet(List<Peer> peers, boolean single) {
        this.peers = List.copyOf(peers);
        this.single = single;
        this.tries = (int) peers.stream().filter(p -> !p.down()).count();
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }
}
