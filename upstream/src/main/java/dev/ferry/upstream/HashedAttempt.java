package dev.ferry.upstream;

/**
 * The walk of the methods that compute their peer (ip_hash, hash, hash consistent, random):
 * a candidate that is tried or unusable costs one of 20 tries, and after 20 the request falls
 * back to smooth weighted round robin for good, as every {@code ngx_http_upstream_get_*_peer}
 * of these modules does. Written once here.
 */
abstract class HashedAttempt extends TieredAttempt {

    /** The candidates one request may compute before falling back to round robin. */
    static final int MAX_TRIES = 20;

    private int hashTries;

    HashedAttempt(PeerGroup group) {
        super(group);
    }

    /**
     * The method's own choice in the primary tier: a usable untried index, or -1 once
     * {@link #nextTry()} said the tries are used up.
     */
    abstract int compute(PeerSet set, long now);

    /** True when this request must use round robin from the start (e.g. an empty hash key). */
    boolean roundRobinOnly() {
        return false;
    }

    @Override
    final int select(PeerSet set, long now) {
        if (isPrimary(set) && hashTries <= MAX_TRIES && !roundRobinOnly()) {
            int index = compute(set, now);
            if (index >= 0) {
                return index;
            }
        }
        return SmoothWeightedRoundRobin.select(set, this, now);
    }

    /** Counts a wasted candidate; false once more than 20 were wasted. */
    final boolean nextTry() {
        return ++hashTries <= MAX_TRIES;
    }

    /** Whether index {@code i} of {@code set} may be taken now. */
    final boolean available(PeerSet set, int i, long now) {
        return !isTried(i) && set.get(i).usable(now);
    }
}
