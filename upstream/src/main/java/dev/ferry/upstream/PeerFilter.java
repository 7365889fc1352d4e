package dev.ferry.upstream;

/**
 * A further condition on the peers smooth weighted round robin may choose among: least_conn's
 * tied peers, or the addresses of one consistent-hash server. Implemented by the request's
 * attempt itself, so a pick allocates nothing.
 */
@FunctionalInterface
interface PeerFilter {

    boolean accepts(Peer peer);
}
