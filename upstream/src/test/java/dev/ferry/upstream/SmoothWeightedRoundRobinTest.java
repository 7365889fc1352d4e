package dev.ferry.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.conf.SourcePosition;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {

    private static final SourcePosition AT = SourcePosition.of(Path.of("/t.conf"), 1);
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private static UpstreamServer server(int port, int weight, boolean backup) {
        return new UpstreamServer("127.0.0.1:" + port, List.of(new InetSocketAddress("127.0.0.1", port)),
                weight, 1, Duration.ofSeconds(10), 0, backup, false, AT);
    }

    private Balancer balancer(int... weights) {
        List<UpstreamServer> servers = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            servers.add(server(9001 + i, weights[i], false));
        }
        return Balancers.roundRobin(new UpstreamConfig("b", servers, false, AT), clock::get);
    }

    /** Picks one peer per request, reports success, and names peers a, b, c by config order. */
    private static String sequence(Balancer balancer, int requests) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            Attempt attempt = balancer.start();
            Peer peer = attempt.next().orElseThrow();
            attempt.finish(peer, Outcome.SUCCESS);
            out.append((char) ('a' + ((java.net.InetSocketAddress) peer.address()).getPort() - 9001));
        }
        return out.toString();
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
        int[] w = java.util.Arrays.stream(weights.split(",")).mapToInt(Integer::parseInt).toArray();
        Balancer balancer = balancer(w);
        assertEquals(expected + expected, sequence(balancer, expected.length() * 2));
    }

    @Test
    void thirtyRequestsOverWeightsOneAndTwoSplitTenAndTwenty() {
        String picks = sequence(balancer(1, 2), 30);
        assertEquals(10, picks.chars().filter(c -> c == 'a').count());
        assertEquals(20, picks.chars().filter(c -> c == 'b').count());
    }

    @Test
    void aFailedPeerIsSkippedUntilFailTimeoutPassesThenProbedOnce() {
        Balancer balancer = balancer(1, 1);
        Attempt first = balancer.start();
        Peer a = first.next().orElseThrow();
        first.finish(a, Outcome.FAILURE);
        assertEquals("bbbb", sequence(balancer, 4));
        clock.addAndGet(10_001);
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
    void aRequestFallsBackToTheBackupWhenEveryPrimaryIsTried() {
        Balancer balancer = Balancers.roundRobin(new UpstreamConfig("b",
                List.of(server(9001, 1, false), server(9002, 1, true)), false, AT), clock::get);
        Attempt attempt = balancer.start();
        assertEquals(2, attempt.tries());
        Peer primary = attempt.next().orElseThrow();
        attempt.finish(primary, Outcome.FAILURE);
        Peer backup = attempt.next().orElseThrow();
        assertEquals("127.0.0.1:9002", backup.name());
        attempt.finish(backup, Outcome.FAILURE);
        assertTrue(attempt.next().isEmpty());
    }

    @Test
    void aSinglePeerIsNeverMarkedDownAndNeverRetried() {
        Balancer balancer = balancer(1);
        for (int i = 0; i < 3; i++) {
            Attempt attempt = balancer.start();
            Peer peer = attempt.next().orElseThrow();
            attempt.finish(peer, Outcome.FAILURE);
            assertEquals(0, attempt.tries());
        }
        assertTrue(balancer.start().next().isPresent());
    }
}
