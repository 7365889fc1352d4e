package dev.ferry.upstream;

/** A balancing method over one upstream group; built once per group and shared by all loops. */
public interface Balancer {

    /** The group name, used in {@code $upstream_addr} when no peer is usable. */
    String name();

    /** Starts one request's walk over the peers; {@code context} feeds ip_hash and hash. */
    Attempt start(PickContext context);

    /**
     * Whether some peer could take a request now: not down, not inside its max_fails /
     * fail_timeout window, below max_conns (the backups count). VRRP's track_upstream asks.
     */
    boolean hasLivePeer();

    /** {@link #start(PickContext)} for a request with no client address and no hash key. */
    default Attempt start() {
        return start(PickContext.NONE);
    }
}
