package dev.ferry.upstream;

/** A balancing method over one upstream group; built once per group and shared by all loops. */
public interface Balancer {

    /** The group name, used in {@code $upstream_addr} when no peer is usable. */
    String name();

    /** Starts one request's walk over the peers. */
    Attempt start();
}
