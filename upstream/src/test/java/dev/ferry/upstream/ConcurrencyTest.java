package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.primaries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.BalancingMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several event loops share one balancer: max_conns holds across all of them, and no
 * connection count is lost or goes negative.
 */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final int REQUESTS = 20_000;

    private static BalancingMethod method(String name) {
        return switch (name) {
            case "least_conn" -> new BalancingMethod.LeastConn();
            case "ip_hash" -> new BalancingMethod.IpHash();
            case "hash" -> new BalancingMethod.Hash("$k", false);
            case "chash" -> new BalancingMethod.Hash("$k", true);
            case "random" -> new BalancingMethod.Random(false);
            case "random_two" -> new BalancingMethod.Random(true);
            default -> BalancingMethod.ROUND_ROBIN;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"round_robin", "least_conn", "ip_hash", "hash", "chash", "random", "random_two"})
    void maxConnsHoldsAndCountsReturnToZeroUnderConcurrentRequests(String name) throws Exception {
        Balancer balancer = Fixtures.balancer(method(name), Balancers::monotonicMillis, Balancers.threadLocalRandom(),
                "a max_conns=2", "b weight=2 max_conns=3", "c max_conns=2 max_fails=0");
        int[] limits = {2, 3, 2};
        AtomicIntegerArray open = new AtomicIntegerArray(3);
        AtomicIntegerArray worst = new AtomicIntegerArray(3);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                results.add(pool.submit((Callable<Integer>) () -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    int served = 0;
                    for (int i = 0; i < REQUESTS; i++) {
                        Attempt attempt = balancer.start(new PickContext(
                                new byte[] {10, 0, (byte) random.nextInt(256), 1}, "/" + random.nextInt(1000)));
                        var peer = attempt.next();
                        if (peer.isEmpty()) {
                            continue; // every peer at max_conns: "no live upstreams"
                        }
                        int p = letter(peer.get()) - 'a';
                        int now = open.incrementAndGet(p);
                        worst.accumulateAndGet(p, now, Math::max);
                        Thread.onSpinWait();
                        open.decrementAndGet(p);
                        attempt.finish(peer.get(), random.nextInt(50) == 0 ? Outcome.NEXT : Outcome.SUCCESS);
                        served++;
                    }
                    return served;
                }));
            }
            int served = 0;
            for (Future<Integer> result : results) {
                served += result.get();
            }
            assertTrue(served > 0);
        } finally {
            pool.shutdownNow();
        }
        for (int p = 0; p < 3; p++) {
            assertTrue(worst.get(p) <= limits[p], name + ": peer " + p + " had " + worst.get(p) + " connections");
            assertEquals(0, primaries(balancer).get(p).conns, name + ": connections left over");
        }
    }
}
