package dev.ferry.vrrp.config;

import java.util.Objects;

/**
 * A {@code track_interface IF [weight=N]} line. With weight 0 (keepalived's default) the
 * interface going down puts the instance in FAULT; otherwise the weight is added to the
 * priority as keepalived does: a negative weight while the interface is down, a positive one
 * while it is up (SPEC-vrrp.md §2.3 "Effective priority").
 *
 * @param name   the interface name
 * @param weight -253..253; 0 means "down is FAULT"
 */
public record TrackedInterface(String name, int weight) {

    public TrackedInterface {
        Objects.requireNonNull(name, "name");
        if (weight < -253 || weight > 253) {
            throw new IllegalArgumentException("weight must be -253..253: " + weight);
        }
    }
}
