package dev.ferry.vrrp.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * A {@code track_upstream NAME [weight=N]} line, Ferry's own tracker: while the upstream group
 * has no live peer the priority changes by the weight as for a keepalived track script, or the
 * instance goes to FAULT when the weight is 0.
 *
 * @param name   the upstream group as written
 * @param weight -253..253; 0 means "no live peer is FAULT"
 * @param peers  the group's TCP addresses, probed with a connect every advert_int
 */
public record TrackedUpstream(String name, int weight, List<InetSocketAddress> peers) {

    public TrackedUpstream {
        Objects.requireNonNull(name, "name");
        if (weight < -253 || weight > 253) {
            throw new IllegalArgumentException("weight must be -253..253: " + weight);
        }
        peers = List.copyOf(peers);
    }
}
