package dev.ferry.upstream;

import java.util.Optional;

/**
 * One request's walk over an upstream group: nginx's per-request peer data with its
 * {@code tried} set. Not thread-safe: it belongs to the request's event loop.
 */
public interface Attempt {

    /** The next peer to try, or empty when no eligible untried peer is left ("no live upstreams"). */
    Optional<Peer> next();

    /** Reports how the attempt on {@code peer} (returned by {@link #next()}) ended. */
    void finish(Peer peer, Outcome outcome);

    /** Attempts left, counting the one in progress; nginx's {@code u->peer.tries}. */
    int tries();
}
