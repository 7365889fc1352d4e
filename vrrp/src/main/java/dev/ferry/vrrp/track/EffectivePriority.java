package dev.ferry.vrrp.track;

import dev.ferry.vrrp.config.TrackedInterface;
import dev.ferry.vrrp.config.TrackedUpstream;
import java.util.List;
import java.util.function.Predicate;

/**
 * keepalived's effective priority (SPEC-vrrp.md §2.3): the base priority plus the weight of
 * every tracked item whose weight applies — a negative weight while the item is down, a
 * positive one while it is up — clamped to 1..254; an item with weight 0 that is down means
 * FAULT. An owner (255) stays 255 while no weight applies.
 */
public final class EffectivePriority {

    private EffectivePriority() {
    }

    public static Tracking compute(int base, List<TrackedInterface> interfaces, Predicate<String> interfaceUp,
            List<TrackedUpstream> upstreams, Predicate<String> upstreamLive) {
        int adjustment = 0;
        boolean fault = false;
        for (TrackedInterface t : interfaces) {
            boolean up = interfaceUp.test(t.name());
            adjustment += weightApplied(t.weight(), up);
            fault |= t.weight() == 0 && !up;
        }
        for (TrackedUpstream t : upstreams) {
            boolean live = upstreamLive.test(t.name());
            adjustment += weightApplied(t.weight(), live);
            fault |= t.weight() == 0 && !live;
        }
        int priority = adjustment == 0 ? base : Math.clamp((long) base + adjustment, 1, 254);
        return new Tracking(priority, fault);
    }

    private static int weightApplied(int weight, boolean up) {
        if (weight > 0 && up) {
            return weight;
        }
        if (weight < 0 && !up) {
            return weight;
        }
        return 0;
    }
}
