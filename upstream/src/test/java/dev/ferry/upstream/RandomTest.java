package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.primaries;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.upstream.config.BalancingMethod;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** random and random two as SPEC §4 and ngx_http_upstream_get_random{,2}_peer, with scripted draws. */
class RandomTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();

    /** Returns the scripted values from nextInt(bound), and counts the draws. */
    static final class Script implements RandomGenerator {
        final Deque<Integer> values = new ArrayDeque<>();
        int draws;

        Script(Integer... values) {
            this.values.addAll(Arrays.asList(values));
        }

        @Override
        public int nextInt(int bound) {
            draws++;
            int v = values.isEmpty() ? 0 : values.poll();
            if (v >= bound) {
                throw new AssertionError(v + " >= " + bound);
            }
            return v;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }
    }

    private Balancer random(boolean two, Script script, String... lines) {
        return Fixtures.balancer(new BalancingMethod.Random(two), clock, script, lines);
    }

    private static char pick(Balancer balancer) {
        Attempt attempt = balancer.start();
        Peer peer = attempt.next().orElseThrow();
        attempt.finish(peer, Outcome.SUCCESS);
        return letter(peer);
    }

    @Test
    void aDrawNamesThePeerThatOwnsThatUnitOfWeight() {
        Script script = new Script(0, 1, 2, 3, 4, 5);
        Balancer balancer = random(false, script, "a", "b weight=3", "c weight=2");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(pick(balancer));
        }
        assertEquals("abbbcc", out.toString());
    }

    @Test
    void anUnusableDrawIsDrawnAgain() {
        Script script = new Script(0, 0, 1);
        assertEquals('b', pick(random(false, script, "a down", "b")));
        assertEquals(3, script.draws);
    }

    @Test
    void afterTwentyWastedDrawsTheRequestFallsBackToRoundRobin() {
        Script script = new Script(); // always 0: the down peer
        Balancer balancer = random(false, script, "a down", "b", "c");
        assertEquals('b', pick(balancer));
        assertEquals(21, script.draws);
        assertEquals(-1, primaries(balancer).get(1).currentWeight, "round robin moved the weights");
    }

    @Test
    void twoChoicesKeepTheSecondOnATie() {
        Script script = new Script(0, 1, 1, 0);
        Balancer balancer = random(true, script, "a", "b");
        assertEquals('b', pick(balancer));
        assertEquals('a', pick(balancer));
    }

    @Test
    void twoChoicesTakeTheLessLoadedPerUnitOfWeight() {
        // Units 0 and 1 are a's (weight 2), unit 2 is b's.
        Script script = new Script(0, 2, 0, 2, 0, 1, 2);
        Balancer balancer = random(true, script, "a weight=2", "b");
        Attempt busy = balancer.start();
        Peer b = busy.next().orElseThrow();
        assertEquals('b', letter(b), "a then b, both idle: the second draw is kept");
        assertEquals('a', pick(balancer), "a then b, but b is busy: the first draw wins");
        busy.finish(b, Outcome.SUCCESS);
        assertEquals('b', pick(balancer), "a, a again (no second choice yet), then b: idle tie, b");
        assertEquals(7, script.draws);
    }

    @Test
    void twoChoicesNeverCompareAPeerWithItselfAndEveryDrawCountsTowardTwenty() {
        Script script = new Script(); // always a
        Balancer balancer = random(true, script, "a", "b");
        assertEquals('a', pick(balancer), "round robin after 21 draws, the first good one included");
        assertEquals(21, script.draws);
    }
}
