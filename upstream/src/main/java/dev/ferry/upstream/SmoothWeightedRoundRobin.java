package dev.ferry.upstream;

/**
 * nginx's smooth weighted round robin ({@code ngx_http_upstream_get_peer}): every eligible peer
 * gains its effective weight, the one with the most current weight wins (the first on a tie)
 * and pays back the total. The same routine picks among least_conn's tied peers, among the
 * peers of a consistent-hash point, and serves the hashing methods when they fall back to
 * round robin.
 */
final class SmoothWeightedRoundRobin extends GroupBalancer {

    SmoothWeightedRoundRobin(PeerGroup group) {
        super(group);
    }

    @Override
    public Attempt start(PickContext context) {
        return new TieredAttempt(group) {
            @Override
            int select(PeerSet set, long now) {
                return SmoothWeightedRoundRobin.select(set, this, now);
            }
        };
    }

    /** SWRR over every usable peer of {@code set} that {@code walk} has not tried; -1 when there is none. */
    static int select(PeerSet set, TieredAttempt walk, long now) {
        return select(set, walk, now, 0, null);
    }

    /**
     * SWRR over the usable peers of {@code set} not tried by {@code walk}, from index
     * {@code from} on, that also pass {@code only} (all of them when it is {@code null}).
     */
    static int select(PeerSet set, TieredAttempt walk, long now, int from, PeerFilter only) {
        Peer best = null;
        int bestIndex = -1;
        int total = 0;
        for (int i = from; i < set.size(); i++) {
            Peer p = set.get(i);
            if (walk.isTried(i) || !p.usable(now) || (only != null && !only.accepts(p))) {
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
        if (best != null) {
            best.currentWeight -= total;
        }
        return bestIndex;
    }
}
