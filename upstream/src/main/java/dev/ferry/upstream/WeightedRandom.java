package dev.ferry.upstream;

import java.util.random.RandomGenerator;

/**
 * nginx's {@code random} ({@code ngx_http_upstream_get_random_peer}): a peer drawn with
 * probability proportional to its weight; a tried or unusable draw costs one of 20 tries.
 */
final class WeightedRandom extends GroupBalancer {

    private final RandomGenerator random;

    WeightedRandom(PeerGroup group, RandomGenerator random) {
        super(group);
        this.random = random;
    }

    @Override
    public Attempt start(PickContext context) {
        return new HashedAttempt(group) {
            @Override
            int compute(PeerSet set, long now) {
                do {
                    int index = draw(set, random);
                    if (available(set, index, now)) {
                        return index;
                    }
                } while (nextTry());
                return -1;
            }
        };
    }

    /** ngx_http_upstream_peek_random_peer: a weight unit drawn uniformly, mapped to its peer. */
    static int draw(PeerSet set, RandomGenerator random) {
        return set.byWeight(random.nextInt(set.totalWeight));
    }
}
