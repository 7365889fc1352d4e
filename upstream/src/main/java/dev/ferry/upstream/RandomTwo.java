package dev.ferry.upstream;

import java.util.random.RandomGenerator;

/**
 * nginx's {@code random two [least_conn]} ({@code ngx_http_upstream_get_random2_peer}): two
 * different usable peers are drawn by weight and the one with fewer connections per unit of
 * weight wins; on a tie the second draw is kept. Every draw, the first good one included,
 * costs one of the 20 tries.
 */
final class RandomTwo extends GroupBalancer {

    private final RandomGenerator random;

    RandomTwo(PeerGroup group, RandomGenerator random) {
        super(group);
        this.random = random;
    }

    @Override
    public Attempt start(PickContext context) {
        return new HashedAttempt(group) {
            @Override
            int compute(PeerSet set, long now) {
                int first = -1;
                do {
                    int index = WeightedRandom.draw(set, random);
                    if (index != first && available(set, index, now)) {
                        if (first >= 0) {
                            return fewerConnsPerWeight(set.get(first), set.get(index)) ? first : index;
                        }
                        first = index;
                    }
                } while (nextTry());
                return -1;
            }
        };
    }

    /** True when {@code a} is strictly less loaded than {@code b}. */
    private static boolean fewerConnsPerWeight(Peer a, Peer b) {
        return (long) b.conns * a.weight() > (long) a.conns * b.weight();
    }
}
