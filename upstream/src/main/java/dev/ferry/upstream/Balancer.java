package dev.ferry.upstream;

/** A balancing method over one upstream group; built once per group and shared by all loops. */
public interface Balancer {

    /** The group name, used in {@code $upstream_addr} when no peer is usable. */
    String name();

    /** Starts one request's walk over the peers; {@code context} feeds ip_hash and hash. */
    Attempt start(PickContext context);

    /** {@link #start(PickContext)} for a request with no client address and no hash key. */
    default Attempt start() {
        return start(PickContext.NONE);
    }
}
