package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.once;
import static dev.ferry.upstream.Fixtures.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.BalancingMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** least_conn as SPEC §4 and ngx_http_upstream_get_least_conn_peer. */
class LeastConnTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();
    private final List<Attempt> open = new ArrayList<>();
    private final List<Peer> held = new ArrayList<>();

    private Balancer leastConn(String... lines) {
        return Fixtures.balancer(new BalancingMethod.LeastConn(), clock, new SplittableRandom(42), lines);
    }

    /** Picks and keeps the connection open. */
    private char hold(Balancer balancer) {
        Attempt attempt = balancer.start();
        Peer peer = attempt.next().orElseThrow();
        open.add(attempt);
        held.add(peer);
        return letter(peer);
    }

    private void release(int i) {
        open.get(i).finish(held.get(i), Outcome.SUCCESS);
    }

    @Test
    void theLeastLoadedPeerWins() {
        Balancer balancer = leastConn("a", "b", "c");
        assertEquals("abc", "" + hold(balancer) + hold(balancer) + hold(balancer));
        release(1);
        assertEquals('b', hold(balancer));
    }

    @Test
    void loadIsMeasuredPerUnitOfWeight() {
        Balancer balancer = leastConn("a weight=2", "b");
        // 0/2 vs 0/1 tie: round robin among them takes a; then 1/2 < 0/1? no: b has 0.
        assertEquals('a', hold(balancer));
        assertEquals('b', hold(balancer));
        assertEquals('a', hold(balancer), "1/2 is less than 1/1");
        assertEquals(2, held.stream().filter(p -> letter(p) == 'a').count());
    }

    @Test
    void tiesAreBrokenBySmoothWeightedRoundRobin() {
        assertEquals("aabacaa".repeat(2), sequence(leastConn("a weight=5", "b", "c"), 14));
    }

    @Test
    void tiedPeersAfterTheLeastLoadedOneShareByRoundRobinWhileLoadedOnesWait() {
        Balancer balancer = leastConn("a", "b", "c");
        hold(balancer); // a is busy
        assertEquals("bcbc", sequence(balancer, 4));
    }

    @Test
    void failedAndDownPeersAreSkipped() {
        Balancer balancer = leastConn("a", "b down", "c");
        assertEquals('a', once(balancer, PickContext.NONE, Outcome.FAILURE));
        assertEquals("cccc", sequence(balancer, 4));
    }

    @Test
    void theBackupsAreWalkedByLeastConnToo() {
        Balancer balancer = leastConn("a", "b backup", "c backup");
        once(balancer, PickContext.NONE, Outcome.FAILURE);
        assertEquals('b', hold(balancer));
        assertEquals('c', hold(balancer));
        release(0);
        assertEquals('b', hold(balancer), "b has no connection left, c has one");
    }

    @Test
    void aSinglePeerIsRoundRobinAndNeverRetried() {
        Balancer balancer = leastConn("a");
        Attempt attempt = balancer.start();
        attempt.finish(attempt.next().orElseThrow(), Outcome.FAILURE);
        assertEquals(0, attempt.tries());
        assertTrue(sequence(balancer, 3).equals("aaa"));
    }
}
