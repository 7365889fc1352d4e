package dev.ferry.upstream;

import java.util.Optional;

/**
 * What every balancer's request walk shares, written once: the lock, the single-peer rule, the
 * move from the primary tier to the backup tier, the {@code tried} set, the bookkeeping of a
 * pick ({@code conns}, {@code checked}) and the failure accounting of a free
 * ({@code ngx_http_upstream_get_round_robin_peer} and {@code ..._free_round_robin_peer}).
 * A balancer only says which peer of a tier to take ({@link #select}).
 */
abstract class TieredAttempt implements Attempt {

    final PeerGroup group;
    /** Peers of the current tier already tried by this request: nginx's {@code rrp->tried} bitmap. */
    private long tried;
    /** The bits beyond the first 64 peers, made when a tier is that large. */
    private long[] triedBeyond;
    private PeerSet tier;
    private int tries;
    private Peer inFlight;

    TieredAttempt(PeerGroup group) {
        this.group = group;
        this.tier = group.primary;
        this.tries = group.primary.tries + group.backup.tries;
    }

    /**
     * Chooses a peer of {@code set} under the group's lock: an index of a peer that is neither
     * tried nor unusable ({@link Peer#usable}), or -1 when there is none. Weight bookkeeping of
     * the method (SWRR's current weights) happens here; the tried bit, {@code conns} and
     * {@code checked} are updated by the caller.
     */
    abstract int select(PeerSet set, long now);

    @Override
    public final Optional<Peer> next() {
        if (inFlight != null) {
            throw new IllegalStateException("peer " + inFlight + " is still in flight");
        }
        Peer peer = pick(tier);
        if (peer == null && tier == group.primary && !group.backup.isEmpty()) {
            // The request moves to the backups for good: a fresh tried set, the same tries.
            tier = group.backup;
            tried = 0;
            triedBeyond = null;
            peer = pick(tier);
        }
        inFlight = peer;
        return peer == null ? Optional.empty() : peer.optional;
    }

    private Peer pick(PeerSet set) {
        group.lock.lock();
        try {
            if (set.single) {
                // A lone peer: only down and max_conns count, and it may be tried again.
                Peer only = set.get(0);
                if (only.down() || only.full()) {
                    return null;
                }
                only.conns++;
                return only;
            }
            long now = group.clockMillis.getAsLong();
            int index = select(set, now);
            if (index < 0) {
                return null;
            }
            markTried(index);
            Peer chosen = set.get(index);
            chosen.picked(now);
            return chosen;
        } finally {
            group.lock.unlock();
        }
    }

    @Override
    public final void finish(Peer peer, Outcome outcome) {
        if (peer == null || peer != inFlight) {
            throw new IllegalStateException("finish() for " + peer + ", which is not the peer in flight");
        }
        inFlight = null;
        boolean single = tier.single;
        group.lock.lock();
        try {
            // nginx reads the time only to stamp a failure.
            long now = outcome == Outcome.FAILURE ? group.clockMillis.getAsLong() : 0;
            peer.freed(outcome, now, single, group.name);
        } finally {
            group.lock.unlock();
        }
        if (single) {
            tries = 0; // a single-peer upstream is never retried
        } else if (tries > 0) {
            tries--;
        }
    }

    @Override
    public final int tries() {
        return tries;
    }

    @Override
    public final void limitTries(int max) {
        if (max > 0 && tries > max) {
            tries = max;
        }
    }

    @Override
    public final void refundTry() {
        tries++;
    }

    /** Whether this request already tried peer {@code index} of its current tier. */
    final boolean isTried(int index) {
        if (index < 64) {
            return (tried & (1L << index)) != 0;
        }
        return triedBeyond != null && (triedBeyond[(index >> 6) - 1] & (1L << index)) != 0;
    }

    private void markTried(int index) {
        if (index < 64) {
            tried |= 1L << index;
            return;
        }
        if (triedBeyond == null) {
            triedBeyond = new long[(tier.size() - 1) >> 6];
        }
        triedBeyond[(index >> 6) - 1] |= 1L << index;
    }

    /** Whether {@code set} is the primary tier, where the hashing methods work. */
    final boolean isPrimary(PeerSet set) {
        return set == group.primary;
    }
}
