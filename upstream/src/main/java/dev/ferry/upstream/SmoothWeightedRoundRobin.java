package dev.ferry.upstream;

import java.util.BitSet;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nginx's smooth weighted round robin ({@code ngx_http_upstream_get_peer} and
 * {@code ngx_http_upstream_free_round_robin_peer}), with the passive health arithmetic of
 * max_fails / fail_timeout and the fall-back from the primary tier to the backup tier.
 * Times come from an injected millisecond clock, so tests need no sleeps.
 */
final class SmoothWeightedRoundRobin implements Balancer {

    private static final Logger log = LoggerFactory.getLogger(SmoothWeightedRoundRobin.class);

    private final String name;
    private final PeerSet primary;
    private final PeerSet backup;
    private final LongSupplier clockMillis;

    SmoothWeightedRoundRobin(String name, PeerSet primary, PeerSet backup, LongSupplier clockMillis) {
        this.name = name;
        this.primary = primary;
        this.backup = backup;
        this.clockMillis = clockMillis;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Attempt start() {
        return new RoundRobinAttempt();
    }

    /** One request: its tier, its tried set and its remaining tries. */
    private final class RoundRobinAttempt implements Attempt {

        private PeerSet tier = primary;
        private final BitSet tried = new BitSet();
        private int tries = primary.tries + backup.tries;

        @Override
        public Optional<Peer> next() {
            Peer peer = pick(tier);
            if (peer == null && tier == primary && !backup.isEmpty()) {
                // The request moves to the backups for good: a fresh tried set, same tries.
                tier = backup;
                tried.clear();
                peer = pick(tier);
            }
            return Optional.ofNullable(peer);
        }

        private Peer pick(PeerSet set) {
            set.lock.lock();
            try {
                Peer best = set.single ? pickSingle(set) : pickWeighted(set);
                if (best != null) {
                    best.conns++;
                }
                return best;
            } finally {
                set.lock.unlock();
            }
        }

        private Peer pickSingle(PeerSet set) {
            Peer peer = set.peers.get(0);
            if (peer.down() || (peer.maxConns() > 0 && peer.conns >= peer.maxConns())) {
                return null;
            }
            return peer;
        }

        private Peer pickWeighted(PeerSet set) {
            long now = clockMillis.getAsLong();
            Peer best = null;
            int bestIndex = -1;
            int total = 0;
            for (int i = 0; i < set.peers.size(); i++) {
                Peer p = set.peers.get(i);
                if (tried.get(i) || p.down()) {
                    continue;
                }
                if (p.maxFails() > 0 && p.fails >= p.maxFails() && now - p.checkedMillis <= p.failTimeoutMillis()) {
                    continue;
                }
                if (p.maxConns() > 0 && p.conns >= p.maxConns()) {
                    continue;
                }
                p.currentWeight += p.effectiveWeight;
                total += p.effectiveWeight;
                if (p.effectiveWeight < p.weight()) {
                    p.effectiveWeight++; // slow recovery after a failure lowered it
                }
                if (best == null || p.currentWeight > best.currentWeight) {
                    best = p;
                    bestIndex = i;
                }
            }
            if (best == null) {
                return null;
            }
            best.currentWeight -= total;
            tried.set(bestIndex);
            if (now - best.checkedMillis > best.failTimeoutMillis()) {
                best.checkedMillis = now; // one probe per fail_timeout window
            }
            return best;
        }

        @Override
        public void finish(Peer peer, Outcome outcome) {
            PeerSet set = tier;
            set.lock.lock();
            try {
                peer.conns--;
                if (set.single) {
                    // A lone peer is never marked down and never retried.
                    peer.fails = 0;
                    tries = 0;
                    return;
                }
                if (outcome == Outcome.FAILURE) {
                    long now = clockMillis.getAsLong();
                    peer.fails++;
                    peer.accessedMillis = now;
                    peer.checkedMillis = now;
                    if (peer.maxFails() > 0) {
                        peer.effectiveWeight -= peer.weight() / peer.maxFails();
                        if (peer.fails >= peer.maxFails()) {
                            log.warn("upstream server temporarily disabled, upstream: \"{}\", peer: {}", name, peer);
                        }
                    }
                    if (peer.effectiveWeight < 0) {
                        peer.effectiveWeight = 0;
                    }
                } else if (peer.accessedMillis < peer.checkedMillis) {
                    // A success clears the count only once it came after the failure window.
                    peer.fails = 0;
                }
            } finally {
                set.lock.unlock();
            }
            if (tries > 0) {
                tries--;
            }
        }

        @Override
        public int tries() {
            return tries;
        }
    }
}
