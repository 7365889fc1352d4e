package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.key;
import static dev.ferry.upstream.Fixtures.once;
import static dev.ferry.upstream.Fixtures.primaries;
import static dev.ferry.upstream.Fixtures.sequence;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.BalancingMethod;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hash KEY consistent}: ketama points as SPEC §4 and ngx_http_upstream_init_chash. */
class ConsistentHashTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();

    private Balancer chash(String... lines) {
        return Fixtures.balancer(new BalancingMethod.Hash("$request_uri", true), clock,
                new SplittableRandom(42), lines);
    }

    private static ConsistentHash.Ring ring(Balancer balancer) {
        return ConsistentHash.Ring.of(((GroupBalancer) balancer).group.primary);
    }

    @Test
    void eachServerGetsOneHundredSixtyPointsPerWeightChainedFromItsHostAndPort() {
        // Values from Python's zlib.crc32 over b"127.0.0.1\x009001" + previous hash (little-endian).
        assertEquals(0x70533e04L, ConsistentHash.Ring.pointHash(ConsistentHash.Ring.base("127.0.0.1:9001"), 0));
        assertEquals(0x10571e62L, ConsistentHash.Ring.pointHash(ConsistentHash.Ring.base("127.0.0.1:9001"), 0x70533e04L));
        assertEquals(0x0a936d64L, ConsistentHash.Ring.pointHash(ConsistentHash.Ring.base("127.0.0.1:9003"), 0));
        assertEquals(0x44616584L, ConsistentHash.Ring.pointHash(ConsistentHash.Ring.base("127.0.0.1:9003"), 0x0a936d64L));
        ConsistentHash.Ring ring = ring(chash("a", "b", "c weight=2"));
        assertEquals(640, ring.size());
        assertArrayEquals(new long[] {0x6fff97L, 0xbdb2f4L, 0x106f1fbL, 0x17bea32L, 0x1fd0a42L},
                java.util.Arrays.copyOf(ring.hashes(), 5));
        assertArrayEquals(new String[] {"127.0.0.1:9003", "127.0.0.1:9003", "127.0.0.1:9002", "127.0.0.1:9002",
            "127.0.0.1:9003"}, java.util.Arrays.copyOf(ring.servers(), 5));
        for (int i = 1; i < ring.size(); i++) {
            assertTrue(ring.hashes()[i - 1] < ring.hashes()[i], "sorted and without duplicates");
        }
    }

    @Test
    void theServerIsSplitAsWrittenIntoHostAndPort() {
        assertArrayEquals("/tmp/a.sock\0".getBytes(StandardCharsets.UTF_8), ConsistentHash.Ring.base("unix:/tmp/a.sock"));
        assertArrayEquals("[::1]\080".getBytes(StandardCharsets.UTF_8), ConsistentHash.Ring.base("[::1]:80"));
        assertArrayEquals("example.com\0".getBytes(StandardCharsets.UTF_8), ConsistentHash.Ring.base("example.com"));
        assertArrayEquals("[::1]\0".getBytes(StandardCharsets.UTF_8), ConsistentHash.Ring.base("[::1]"));
    }

    /** Where each key lands on the ring of a, b, c weight=2, computed with Python's zlib.crc32. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, b",
        "/index.html, c",
        "/a, a",
        "/b, c",
        "/c, c",
        "/images/logo.png, a",
        "user=42, c",
        "user=43, c",
        "GET /x, c",
        "hello, a",
    })
    void keysLandOnTheFirstPointAtOrAfterTheirCrc(String key, char server) {
        assertEquals(server, once(chash("a", "b", "c weight=2"), key(key), Outcome.SUCCESS));
    }

    @Test
    void addingAFourthServerMovesAboutAQuarterOfTheKeysAndOnlyToIt() {
        Balancer three = chash("a", "b", "c");
        Balancer four = chash("a", "b", "c", "d");
        int moved = 0;
        int keys = 20_000;
        for (int i = 0; i < keys; i++) {
            char before = once(three, key("/item/" + i), Outcome.SUCCESS);
            char after = once(four, key("/item/" + i), Outcome.SUCCESS);
            if (before != after) {
                moved++;
                assertEquals('d', after, "a key that moves goes to the new server");
            }
        }
        double share = moved / (double) keys;
        assertTrue(share > 0.15 && share < 0.35, "moved " + share);
    }

    @Test
    void theAddressesOfOneServerNameShareItsPointsByRoundRobin() {
        Balancer balancer = chash("two.test:8080", "a");
        String firstKey = null;
        for (int i = 0; firstKey == null; i++) {
            Attempt attempt = balancer.start(key("/k" + i));
            Peer peer = attempt.next().orElseThrow();
            attempt.finish(peer, Outcome.SUCCESS);
            firstKey = peer.server().equals("two.test:8080") ? "/k" + i : null;
        }
        String seen = "";
        for (int i = 0; i < 4; i++) {
            Attempt attempt = balancer.start(key(firstKey));
            Peer peer = attempt.next().orElseThrow();
            attempt.finish(peer, Outcome.SUCCESS);
            seen += peer.name().equals("127.0.0.2:8080") ? "2" : "3";
        }
        assertTrue(seen.equals("3232") || seen.equals("2323"), seen);
    }

    @Test
    void aServerThatFailedPassesItsKeysToTheNextPointUntilItRecovers() {
        Balancer balancer = chash("a", "b", "c weight=2");
        assertEquals('a', once(balancer, key("/a"), Outcome.FAILURE));
        char next = once(balancer, key("/a"), Outcome.SUCCESS);
        assertNotEquals('a', next);
        clock.advance(10_001);
        assertEquals('a', once(balancer, key("/a"), Outcome.SUCCESS));
    }

    @Test
    void afterTwentyPointsWithoutAUsablePeerTheRequestFallsBackToRoundRobin() {
        // Most points are the down server a's: find a key whose first usable point is the 21st
        // (still hashed) and one that meets 21 of a's points in a row (round robin).
        Balancer balancer = chash("a weight=50 down", "b", "c");
        ConsistentHash.Ring ring = ring(balancer);
        String lastChance = null;
        String far = null;
        for (int i = 0; lastChance == null || far == null; i++) {
            String k = "/k" + i;
            long point = ring.find(ConsistentHash.crc32(k.getBytes(StandardCharsets.UTF_8)));
            int firstUsable = -1;
            for (int j = 0; j < 21 && firstUsable < 0; j++) {
                firstUsable = ring.server(point + j).equals("127.0.0.1:9001") ? -1 : j;
            }
            if (firstUsable == 20 && lastChance == null) {
                lastChance = k;
            } else if (firstUsable < 0 && far == null) {
                far = k;
            }
        }
        char hashed = once(balancer, key(lastChance), Outcome.SUCCESS);
        assertTrue(hashed == 'b' || hashed == 'c');
        assertTrue(primaries(balancer).stream().allMatch(p -> p.currentWeight == 0), "one server's peer: no net change");
        assertEquals('b', once(balancer, key(far), Outcome.SUCCESS), "round robin: the first of b and c");
        assertEquals(-1, primaries(balancer).get(1).currentWeight);
        assertEquals(1, primaries(balancer).get(2).currentWeight);
    }

    @Test
    void anEmptyKeyIsRoundRobin() {
        assertEquals(sequence(Fixtures.roundRobin(clock, "a", "b weight=2"), 9), sequence(chash("a", "b weight=2"), 9));
    }
}
