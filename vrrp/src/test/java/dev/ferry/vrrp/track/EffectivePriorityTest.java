package dev.ferry.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.vrrp.config.TrackedInterface;
import dev.ferry.vrrp.config.TrackedUpstream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** keepalived's effective priority and FAULT rule, with Ferry's track_upstream beside track_interface. */
class EffectivePriorityTest {

    static final List<TrackedInterface> ETH1_MINUS_50 = List.of(new TrackedInterface("eth1", -50));
    static final List<TrackedUpstream> BACKEND_MINUS_60 = List.of(new TrackedUpstream("backend", -60, List.of()));

    static Tracking compute(int base, List<TrackedInterface> ifs, Set<String> up, List<TrackedUpstream> ups,
            Set<String> live) {
        return EffectivePriority.compute(base, ifs, up::contains, ups, live::contains);
    }

    @Test
    void everythingUpLeavesTheBasePriority() {
        assertEquals(new Tracking(150, false), compute(150, ETH1_MINUS_50, Set.of("eth1"), BACKEND_MINUS_60, Set.of("backend")));
    }

    @Test
    void anUpstreamWithoutLivePeersLowersThePriorityByItsWeight() {
        assertEquals(new Tracking(90, false), compute(150, ETH1_MINUS_50, Set.of("eth1"), BACKEND_MINUS_60, Set.of()));
    }

    @Test
    void weightsAddUpAndClampToOne() {
        assertEquals(new Tracking(1, false), compute(100, ETH1_MINUS_50, Set.of(), BACKEND_MINUS_60, Set.of()));
    }

    @Test
    void aPositiveWeightCountsWhileTheItemIsUpAndClampsTo254() {
        List<TrackedInterface> plus = List.of(new TrackedInterface("eth1", 20));
        assertEquals(new Tracking(254, false), compute(250, plus, Set.of("eth1"), List.of(), Set.of()));
        assertEquals(new Tracking(250, false), compute(250, plus, Set.of(), List.of(), Set.of()));
    }

    @Test
    void anItemWithoutWeightThatIsDownMeansFault() {
        List<TrackedUpstream> noWeight = List.of(new TrackedUpstream("backend", 0, List.of()));
        assertEquals(new Tracking(100, true), compute(100, List.of(), Set.of(), noWeight, Set.of()));
        List<TrackedInterface> own = List.of(new TrackedInterface("eth0", 0));
        assertEquals(new Tracking(100, true), compute(100, own, Set.of(), List.of(), Set.of()));
    }

    @Test
    void anOwnerStays255WhileNoWeightApplies() {
        assertEquals(new Tracking(255, false), compute(255, ETH1_MINUS_50, Set.of("eth1"), List.of(), Set.of()));
        assertEquals(new Tracking(205, false), compute(255, ETH1_MINUS_50, Set.of(), List.of(), Set.of()));
    }
}
