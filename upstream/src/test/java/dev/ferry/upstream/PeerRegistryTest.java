package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.group;
import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.once;
import static dev.ferry.upstream.Fixtures.primaries;
import static dev.ferry.upstream.Fixtures.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.BalancingMethod;
import dev.ferry.upstream.config.KeepaliveConfig;
import dev.ferry.upstream.config.UpstreamConfig;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A reload keeps the state of the peers whose server line did not change. */
class PeerRegistryTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();
    private final PeerRegistry registry = new PeerRegistry();
    private final RandomGenerator random = new SplittableRandom(42);

    private Balancer build(BalancingMethod method, String... lines) {
        return Balancers.build(group(method, lines), registry, clock, random);
    }

    private Balancer build(String... lines) {
        return build(BalancingMethod.ROUND_ROBIN, lines);
    }

    @Test
    void aFailedPeerStaysDisabledAcrossAReload() {
        Balancer before = build("a", "b");
        assertEquals('a', once(before, PickContext.NONE, Outcome.FAILURE));
        Balancer after = build("a", "b");
        assertEquals("bbb", sequence(after, 3));
        assertSame(primaries(before).get(0), primaries(after).get(0));
    }

    @Test
    void aPeerWhoseParametersChangedStartsAfresh() {
        Balancer before = build("a", "b");
        once(before, PickContext.NONE, Outcome.FAILURE);
        Balancer after = build("a max_fails=3", "b");
        assertNotSame(primaries(before).get(0), primaries(after).get(0));
        assertTrue(sequence(after, 2).contains("a"));
    }

    @Test
    void connectionsOpenedUnderTheOldConfigurationCountForTheNewOne() {
        Balancer before = build("a max_conns=1");
        Attempt running = before.start();
        Peer a = running.next().orElseThrow();
        Balancer after = build("a max_conns=1");
        assertEquals("-", sequence(after, 1), "the request of the old configuration still holds a");
        running.finish(a, Outcome.SUCCESS);
        assertEquals("a", sequence(after, 1));
    }

    @Test
    void theSmoothSequenceGoesOnWhenTheGroupDidNotChange() {
        Balancer before = build("a weight=5", "b", "c");
        assertEquals("aab", sequence(before, 3));
        assertEquals("acaa", sequence(build("a weight=5", "b", "c"), 4));
    }

    @Test
    void theSmoothSequenceStartsOverWhenThePeerListChanged() {
        Balancer before = build("a weight=5", "b", "c");
        sequence(before, 3);
        Balancer after = build("a weight=5", "b", "c", "d");
        assertTrue(primaries(after).stream().allMatch(p -> p.currentWeight == 0));
        String fresh = sequence(Fixtures.roundRobin(clock, "a weight=5", "b", "c", "d"), 8);
        assertEquals(fresh, sequence(after, 8));
    }

    @Test
    void theMethodMayChangeWhileThePeersKeepTheirHealth() {
        once(build("a", "b"), PickContext.NONE, Outcome.FAILURE);
        assertEquals("bbb", sequence(build(new BalancingMethod.LeastConn(), "a", "b"), 3));
    }

    @Test
    void twoIdenticalServerLinesAreTwoPeers() {
        Balancer balancer = build("a", "a");
        assertNotSame(primaries(balancer).get(0), primaries(balancer).get(1));
        Balancer again = build("a", "a");
        assertSame(primaries(balancer).get(1), primaries(again).get(1));
    }

    @Test
    void groupsThatLeftTheConfigurationAreForgotten() {
        UpstreamConfig one = new UpstreamConfig("one", List.of(Fixtures.server("a")), false, BalancingMethod.ROUND_ROBIN,
                KeepaliveConfig.DEFAULT, null, Fixtures.AT);
        UpstreamConfig two = new UpstreamConfig("Two", List.of(Fixtures.server("b")), false, BalancingMethod.ROUND_ROBIN,
                KeepaliveConfig.DEFAULT, null, Fixtures.AT);
        Map<String, Balancer> all = Balancers.buildAll(List.of(one, two), registry, clock, random);
        assertEquals(List.of("one", "two"), List.copyOf(all.keySet()));
        assertEquals(2, registry.size());
        Balancers.buildAll(List.of(two), registry, clock, random);
        assertEquals(1, registry.size());
        assertEquals('b', letter(all.get("two").start().next().orElseThrow()));
    }
}
