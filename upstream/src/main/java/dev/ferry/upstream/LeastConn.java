package dev.ferry.upstream;

/**
 * nginx's least_conn ({@code ngx_http_upstream_get_least_conn_peer}): the usable peer with
 * the fewest connections per unit of weight, compared as {@code a.conns * b.weight <
 * b.conns * a.weight}; when several tie, smooth weighted round robin among them, starting
 * from the first. The backup tier is walked the same way.
 */
final class LeastConn extends GroupBalancer {

    LeastConn(PeerGroup group) {
        super(group);
    }

    @Override
    public Attempt start(PickContext context) {
        return new LeastConnAttempt(group);
    }

    /** One request; it is also the filter that keeps the peers tied with the least loaded one. */
    private static final class LeastConnAttempt extends TieredAttempt implements PeerFilter {

        private Peer tiedWith;

        LeastConnAttempt(PeerGroup group) {
            super(group);
        }

        @Override
        int select(PeerSet set, long now) {
            int best = -1;
            boolean many = false;
            for (int i = 0; i < set.size(); i++) {
                Peer p = set.get(i);
                if (isTried(i) || !p.usable(now)) {
                    continue;
                }
                if (best < 0) {
                    best = i;
                    continue;
                }
                long order = compare(p, set.get(best));
                if (order < 0) {
                    best = i;
                    many = false;
                } else if (order == 0) {
                    many = true;
                }
            }
            if (best < 0 || !many) {
                return best;
            }
            // Every peer before the first least loaded one is more loaded, so starting there
            // and keeping the tied ones is round robin among exactly the tied peers.
            tiedWith = set.get(best);
            return SmoothWeightedRoundRobin.select(set, this, now, best, this);
        }

        @Override
        public boolean accepts(Peer peer) {
            return compare(peer, tiedWith) == 0;
        }
    }

    /** Sign of {@code a.conns/a.weight - b.conns/b.weight}, without division. */
    private static long compare(Peer a, Peer b) {
        return Long.signum((long) a.conns * b.weight() - (long) b.conns * a.weight());
    }
}
