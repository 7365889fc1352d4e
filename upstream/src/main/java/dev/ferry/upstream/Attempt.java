package dev.ferry.upstream;

import java.util.Optional;

/**
 * One request's walk over an upstream group: nginx's per-request peer data with its
 * {@code tried} set, its tier (primaries, then backups) and its {@code tries}. Not thread-safe:
 * it belongs to the request's event loop. At most one peer is in flight at a time: every peer
 * {@link #next()} returns is given back with {@link #finish} exactly once before the next call.
 */
public interface Attempt {

    /**
     * The next peer to try, or empty when no eligible untried peer is left ("no live
     * upstreams": 502, with the group's name in {@code $upstream_addr}).
     *
     * @throws IllegalStateException when the previous peer was not finished
     */
    Optional<Peer> next();

    /**
     * Reports how the attempt on {@code peer} ended and frees it: nginx's {@code peer.free}.
     *
     * @throws IllegalStateException when {@code peer} is not the one in flight
     */
    void finish(Peer peer, Outcome outcome);

    /** Attempts left, counting the one in progress: nginx's {@code u->peer.tries}. */
    int tries();

    /**
     * Caps the tries at {@code max} when it is positive ({@code proxy_next_upstream_tries},
     * applied by nginx's {@code ngx_http_upstream_init_request}); 0 means no cap.
     */
    void limitTries(int max);

    /**
     * Gives back the try just used: an error on a cached keepalive connection does not use one
     * up ({@code u->peer.tries++} in {@code ngx_http_upstream_next}).
     */
    void refundTry();
}
