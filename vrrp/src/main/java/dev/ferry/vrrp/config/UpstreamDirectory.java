package dev.ferry.vrrp.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** What the binder needs from the http block: the TCP peers of an upstream group, by name. */
@FunctionalInterface
public interface UpstreamDirectory {

    /** The group's addresses, or empty when no {@code upstream} of that name exists. */
    Optional<List<InetSocketAddress>> peers(String upstream);

    /** A config without an http block: no upstreams. */
    UpstreamDirectory NONE = name -> Optional.empty();
}
