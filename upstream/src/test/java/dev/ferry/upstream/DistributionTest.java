package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.letter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.BalancingMethod;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Over 100,000 requests with fixed seeds, every method shares the load by weight: each peer's
 * share of the picks is within {@code tolerance} of its share of the weight (1% for all but
 * consistent hashing, whose 160 points per unit of weight only promise a few percent).
 */
class DistributionTest {

    private static final int REQUESTS = 100_000;
    private static final int[] WEIGHTS = {1, 2, 3, 4};

    private final Fixtures.Clock clock = new Fixtures.Clock();

    private static String[] lines() {
        String[] lines = new String[WEIGHTS.length];
        for (int i = 0; i < WEIGHTS.length; i++) {
            lines[i] = (char) ('a' + i) + " weight=" + WEIGHTS[i];
        }
        return lines;
    }

    private static BalancingMethod method(String name) {
        return switch (name) {
            case "round_robin" -> BalancingMethod.ROUND_ROBIN;
            case "least_conn" -> new BalancingMethod.LeastConn();
            case "ip_hash" -> new BalancingMethod.IpHash();
            case "hash" -> new BalancingMethod.Hash("$request_uri", false);
            case "hash_consistent" -> new BalancingMethod.Hash("$request_uri", true);
            case "random" -> new BalancingMethod.Random(false);
            case "random_two" -> new BalancingMethod.Random(true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * @param inFlight requests kept open at once (the oldest finishes as a new one starts), so
     *                 the load-aware methods see load
     */
    @ParameterizedTest(name = "{0} with {1} in flight within {2}")
    @CsvSource({
        "round_robin, 0, 0.01",
        "least_conn, 0, 0.01",
        "least_conn, 50, 0.01",
        "ip_hash, 0, 0.01",
        "hash, 0, 0.01",
        "hash_consistent, 0, 0.05",
        "random, 0, 0.01",
        "random_two, 100, 0.01",
    })
    void sharesFollowTheWeights(String name, int inFlight, double tolerance) {
        SplittableRandom seeded = new SplittableRandom(42);
        Balancer balancer = Fixtures.balancer(method(name), clock, new SplittableRandom(42), lines());
        Supplier<PickContext> contexts = () -> new PickContext(
                new byte[] {10, (byte) seeded.nextInt(256), (byte) seeded.nextInt(256), 1},
                "/item/" + seeded.nextLong());
        int[] counts = new int[WEIGHTS.length];
        Deque<Attempt> attempts = new ArrayDeque<>();
        Deque<Peer> peers = new ArrayDeque<>();
        for (int i = 0; i < REQUESTS; i++) {
            Attempt attempt = balancer.start(contexts.get());
            Peer peer = attempt.next().orElseThrow();
            counts[letter(peer) - 'a']++;
            attempts.add(attempt);
            peers.add(peer);
            if (attempts.size() > inFlight) {
                attempts.poll().finish(peers.poll(), Outcome.SUCCESS);
            }
        }
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        for (int i = 0; i < WEIGHTS.length; i++) {
            double share = counts[i] / (double) REQUESTS;
            double expected = WEIGHTS[i] / (double) total;
            assertTrue(Math.abs(share - expected) <= tolerance,
                    name + ": peer " + (char) ('a' + i) + " got " + share + ", weight share " + expected);
        }
    }
}
