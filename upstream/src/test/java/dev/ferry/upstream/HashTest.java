package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.key;
import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.once;
import static dev.ferry.upstream.Fixtures.primaries;
import static dev.ferry.upstream.Fixtures.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.BalancingMethod;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hash KEY} as SPEC §4 and ngx_http_upstream_get_hash_peer (Cache::Memcached). */
class HashTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();

    private Balancer hash(String... lines) {
        return Fixtures.balancer(new BalancingMethod.Hash("$request_uri", false), clock,
                new SplittableRandom(42), lines);
    }

    /** A bitwise CRC-32 (IEEE, reflected), written without java.util.zip to check against. */
    static long crc32(byte[] bytes) {
        int crc = 0xffffffff;
        for (byte b : bytes) {
            crc ^= b & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
            }
        }
        return ~crc & 0xffffffffL;
    }

    @Test
    void theCrcIsTheStandardOne() {
        assertEquals(0xcbf43926L, crc32("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals((0xcbf43926L >>> 16) & 0x7fff, Hash.round(0, "123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals((crc32("3123456789".getBytes(StandardCharsets.US_ASCII)) >>> 16) & 0x7fff,
                Hash.round(3, "123456789".getBytes(StandardCharsets.US_ASCII)), "later rounds prefix their number");
    }

    /** Candidates per round for weights 1,2,3, computed with Python's zlib.crc32. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, cbacb",
        "/index.html, bbacb",
        "/a, ccbcc",
        "/b, cbccb",
        "/c, ccacc",
        "/images/logo.png, aabca",
        "user=42, accba",
        "user=43, bcbcc",
        "GET /x, acccb",
        "hello, ccacc",
    })
    void keysGoWhereCacheMemcachedSendsThem(String key, String rounds) {
        Balancer balancer = hash("a", "b weight=2", "c weight=3");
        assertEquals(rounds.charAt(0), once(balancer, key(key), Outcome.SUCCESS));
        // A retry takes the next round naming an untried peer.
        Attempt attempt = balancer.start(key(key));
        Peer first = attempt.next().orElseThrow();
        attempt.finish(first, Outcome.FAILURE);
        char expected = 0;
        for (int r = 1; r < rounds.length() && expected == 0; r++) {
            expected = rounds.charAt(r) != rounds.charAt(0) ? rounds.charAt(r) : 0;
        }
        assertEquals(expected, letter(attempt.next().orElseThrow()));
    }

    @Test
    void theKeyIsHashedAsItsUtf8Bytes() {
        Balancer balancer = hash("a", "b", "c", "d", "e", "f", "g");
        for (String key : new String[] {"/caf\u00e9", "/\u043a\u043b\u044e\u0447", "/\u65e5\u672c"}) {
            long h = (crc32(key.getBytes(StandardCharsets.UTF_8)) >>> 16) & 0x7fff;
            assertEquals((char) ('a' + h % 7), once(balancer, key(key), Outcome.SUCCESS), key);
        }
    }

    @Test
    void anEmptyKeyIsRoundRobin() {
        Balancer hashed = hash("a", "b weight=2", "c weight=3");
        Balancer plain = Fixtures.roundRobin(clock, "a", "b weight=2", "c weight=3");
        assertEquals(sequence(plain, 12), sequence(hashed, 12));
    }

    @Test
    void afterTwentyWastedRoundsTheRequestFallsBackToRoundRobin() {
        Balancer balancer = hash("a weight=30 down", "b", "c");
        String hitOnLastRound = null;
        String neverHits = null;
        for (int i = 0; i < 1_000_000 && (hitOnLastRound == null || neverHits == null); i++) {
            String k = "/k" + i;
            int firstHit = firstUsableRound(k.getBytes(StandardCharsets.UTF_8), 32, 21);
            if (firstHit == 20 && hitOnLastRound == null) {
                hitOnLastRound = k;
            } else if (firstHit < 0 && neverHits == null) {
                neverHits = k;
            }
        }
        char hashed = once(balancer, key(hitOnLastRound), Outcome.SUCCESS);
        assertTrue(hashed == 'b' || hashed == 'c');
        assertTrue(primaries(balancer).stream().allMatch(p -> p.currentWeight == 0), "the 21st round is hashed");
        assertEquals('b', once(balancer, key(neverHits), Outcome.SUCCESS));
        assertEquals(-1, primaries(balancer).get(1).currentWeight, "round robin moved the weights");
    }

    /** The first round (0-based) whose candidate is not the heavy down peer "a", or -1. */
    private static int firstUsableRound(byte[] key, int total, int rounds) {
        long h = 0;
        for (int r = 0; r < rounds; r++) {
            byte[] prefix = r == 0 ? new byte[0] : Integer.toString(r).getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[prefix.length + key.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(key, 0, all, prefix.length, key.length);
            h = (h + ((crc32(all) >>> 16) & 0x7fff)) & 0xffffffffL;
            if (h % total >= 30) {
                return r;
            }
        }
        return -1;
    }
}
