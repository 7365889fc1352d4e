package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.primaries;
import static dev.ferry.upstream.Fixtures.roundRobin;
import static dev.ferry.upstream.Fixtures.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Smooth weighted round robin as SPEC §3 and ngx_http_upstream_get_peer. */
class SmoothWeightedRoundRobinTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();

    private Balancer weights(String weights) {
        String[] w = weights.split(",");
        String[] lines = new String[w.length];
        for (int i = 0; i < w.length; i++) {
            lines[i] = (char) ('a' + i) + " weight=" + w[i];
        }
        return roundRobin(clock, lines);
    }

    @ParameterizedTest(name = "weights {0} give {1}")
    @CsvSource({
        "'5,1,1', aabacaa",
        "'1,2', bab",
        "'2,1', aba",
        "'3,2,1', abacba",
        "'1,1,1', abc",
        "'4,2', abaaba",
    })
    void picksThePublishedSmoothSequence(String weights, String expected) {
        assertEquals(expected.repeat(3), sequence(weights(weights), expected.length() * 3));
    }

    @Test
    void currentWeightsAfterEachPickAreThePublishedOnes() {
        Balancer balancer = weights("5,1,1");
        String[] expected = {"-2,1,1", "-4,2,2", "1,-4,3", "-1,-3,4", "4,-2,-2", "2,-1,-1", "0,0,0"};
        for (String state : expected) {
            sequence(balancer, 1);
            assertEquals(state, currentWeights(balancer));
        }
    }

    @Test
    void currentWeightsSumToZeroAfterEveryPickThroughFailuresAndRecoveries() {
        Balancer balancer = roundRobin(clock, "a weight=5 max_fails=2", "b weight=3", "c weight=1 max_fails=3", "d weight=2");
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            Attempt attempt = balancer.start();
            Peer peer = attempt.next().orElse(null);
            if (peer != null) {
                assertEquals(0, primaries(balancer).stream().mapToInt(p -> p.currentWeight).sum(), "after pick " + i);
                attempt.finish(peer, random.nextInt(5) == 0 ? Outcome.FAILURE : Outcome.SUCCESS);
            }
            clock.advance(random.nextInt(500));
        }
    }

    @Test
    void thirtyRequestsOverWeightsOneAndTwoSplitTenAndTwenty() {
        String picks = sequence(weights("1,2"), 30);
        assertEquals(10, picks.chars().filter(c -> c == 'a').count());
        assertEquals(20, picks.chars().filter(c -> c == 'b').count());
    }

    @Test
    void aFailedPeerIsSkippedUntilFailTimeoutPassesThenProbedOnce() {
        Balancer balancer = weights("1,1");
        Attempt first = balancer.start();
        Peer a = first.next().orElseThrow();
        first.finish(a, Outcome.FAILURE);
        assertEquals("bbbb", sequence(balancer, 4));
        clock.advance(10_001);
        // Eligible again, but the failure took its effective weight to 0 (weight 1 / max_fails 1);
        // it climbs back one per round, so a wins within a few picks: that pick is the probe.
        Attempt probe = null;
        for (int i = 0; i < 4 && probe == null; i++) {
            Attempt attempt = balancer.start();
            Peer picked = attempt.next().orElseThrow();
            if (picked == a) {
                probe = attempt;
            } else {
                attempt.finish(picked, Outcome.SUCCESS);
            }
        }
        assertNotNull(probe, "the failed peer is probed once fail_timeout has passed");
        // While the probe is in flight the window restarted, so others do not pile onto a.
        assertEquals("bb", sequence(balancer, 2));
        probe.finish(a, Outcome.SUCCESS);
        assertTrue(sequence(balancer, 4).contains("a"));
    }

    @Test
    void aRetryInsideOneRequestSkipsThePeersItTriedAndMovesTheSharedWeights() {
        Balancer balancer = weights("1,1,1");
        Attempt attempt = balancer.start();
        Peer a = attempt.next().orElseThrow();
        attempt.finish(a, Outcome.NEXT);
        Peer b = attempt.next().orElseThrow();
        attempt.finish(b, Outcome.NEXT);
        Peer c = attempt.next().orElseThrow();
        assertEquals("abc", "" + letter(a) + letter(b) + letter(c));
        attempt.finish(c, Outcome.NEXT);
        assertTrue(attempt.next().isEmpty(), "every peer was tried");
        assertEquals(0, attempt.tries());
    }

    private static String currentWeights(Balancer balancer) {
        return String.join(",", Arrays.stream(primaries(balancer).toArray(Peer[]::new))
                .map(p -> Integer.toString(p.currentWeight)).toList());
    }
}
