package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.client;
import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.once;
import static dev.ferry.upstream.Fixtures.primaries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.BalancingMethod;
import java.net.InetAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ip_hash as SPEC §4 and ngx_http_upstream_get_ip_hash_peer, checked against the formula. */
class IpHashTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();

    private Balancer ipHash(String... lines) {
        return Fixtures.balancer(new BalancingMethod.IpHash(), clock, new SplittableRandom(42), lines);
    }

    /** The published formula, written out again: the peer each round names, in order. */
    static int[] candidates(byte[] key, int[] weights, int rounds) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int[] out = new int[rounds];
        int hash = 89;
        for (int r = 0; r < rounds; r++) {
            for (byte b : key) {
                hash = (hash * 113 + (b & 0xff)) % 6271;
            }
            int w = hash % total;
            int p = 0;
            while (w >= weights[p]) {
                w -= weights[p++];
            }
            out[r] = p;
        }
        return out;
    }

    private static byte[] slash24(String ip) {
        byte[] a = InetAddress.ofLiteral(ip).getAddress();
        return new byte[] {a[0], a[1], a[2]};
    }

    @Test
    void tenClientNetworksMapToThePeersTheFormulaNames() {
        Balancer balancer = ipHash("a weight=2", "b", "c weight=3");
        for (int net = 0; net < 10; net++) {
            String ip = "192.168." + (net * 25) + ".77";
            int expected = candidates(slash24(ip), new int[] {2, 1, 3}, 1)[0];
            assertEquals((char) ('a' + expected), once(balancer, client(ip), Outcome.SUCCESS), ip);
        }
    }

    @Test
    void theHandComputedHashOfTenZeroZeroPicksTheSecondOfTwoPeers() {
        // 89 -> (89*113+10)%6271 = 3796 -> 3796*113%6271 = 2520 -> 2520*113%6271 = 2565; 2565 % 2 = 1
        assertEquals('b', once(ipHash("a", "b"), client("10.0.0.1"), Outcome.SUCCESS));
    }

    @Test
    void everyClientOfOneSlash24GoesToTheSamePeer() {
        Balancer balancer = ipHash("a", "b", "c", "d");
        char first = once(balancer, client("172.16.5.1"), Outcome.SUCCESS);
        for (int host = 2; host < 255; host += 17) {
            assertEquals(first, once(balancer, client("172.16.5." + host), Outcome.SUCCESS));
        }
    }

    @Test
    void anIpv6ClientHashesAllSixteenBytes() {
        Balancer balancer = ipHash("a", "b", "c", "d", "e");
        int differing = 0;
        for (int last = 1; last <= 20; last++) {
            String ip = "2001:db8::" + Integer.toHexString(last);
            int expected = candidates(InetAddress.ofLiteral(ip).getAddress(), new int[] {1, 1, 1, 1, 1}, 1)[0];
            char got = once(balancer, client(ip), Outcome.SUCCESS);
            assertEquals((char) ('a' + expected), got, ip);
            differing += got != once(balancer, client("2001:db8::1"), Outcome.SUCCESS) ? 1 : 0;
        }
        assertTrue(differing > 0, "the last byte matters for IPv6");
    }

    @Test
    void aUnixSocketClientHashesAsThreeZeroBytes() {
        int expected = candidates(new byte[3], new int[] {1, 1, 1}, 1)[0];
        assertEquals((char) ('a' + expected), once(ipHash("a", "b", "c"), PickContext.NONE, Outcome.SUCCESS));
    }

    @Test
    void aRetryContinuesTheHashFromWhereThePickStopped() {
        Balancer balancer = ipHash("a", "b", "c", "d", "e");
        byte[] key = slash24("10.20.30.40");
        int[] rounds = candidates(key, new int[] {1, 1, 1, 1, 1}, 40);
        Attempt attempt = balancer.start(client("10.20.30.40"));
        Peer first = attempt.next().orElseThrow();
        assertEquals(rounds[0], letter(first) - 'a');
        attempt.finish(first, Outcome.FAILURE);
        int expected = -1;
        for (int r = 1; r < rounds.length; r++) {
            if (rounds[r] != rounds[0]) {
                expected = rounds[r];
                break;
            }
        }
        assertEquals(expected, letter(attempt.next().orElseThrow()) - 'a');
    }

    @Test
    void afterTwentyWastedRoundsTheRequestFallsBackToRoundRobin() {
        int[] weights = {6, 1, 1};
        // Find clients whose first usable candidate (b or c; a is down) is round 21, and none in 21 rounds.
        String hitOnLastRound = null;
        String neverHits = null;
        for (int x = 0; x < 256 * 256 && (hitOnLastRound == null || neverHits == null); x++) {
            String ip = "10." + (x >> 8) + "." + (x & 0xff) + ".1";
            int[] rounds = candidates(slash24(ip), weights, 21);
            int firstHit = -1;
            for (int r = 0; r < rounds.length && firstHit < 0; r++) {
                firstHit = rounds[r] != 0 ? r : -1;
            }
            if (firstHit == 20 && hitOnLastRound == null) {
                hitOnLastRound = ip;
            } else if (firstHit < 0 && neverHits == null) {
                neverHits = ip;
            }
        }
        Balancer hashing = ipHash("a weight=6 down", "b", "c");
        int expected = candidates(slash24(hitOnLastRound), weights, 21)[20];
        assertEquals((char) ('a' + expected), once(hashing, client(hitOnLastRound), Outcome.SUCCESS),
                "the 21st round is still hashed (20 wasted tries)");
        assertTrue(primaries(hashing).stream().allMatch(p -> p.currentWeight == 0), "no round robin yet");
        assertEquals('b', once(hashing, client(neverHits), Outcome.SUCCESS), "round robin takes the first");
        assertEquals(-1, primaries(hashing).get(1).currentWeight, "round robin moved the weights");
    }

    @Test
    void aSinglePeerIsRoundRobinWhateverTheClient() {
        Balancer balancer = ipHash("a");
        assertEquals('a', once(balancer, client("10.0.0.1"), Outcome.FAILURE));
        assertEquals('a', once(balancer, client("10.9.9.9"), Outcome.SUCCESS));
    }

    @Test
    void aDisabledPeerSendsItsClientsToAnotherPeerUntilItRecovers() {
        Balancer balancer = ipHash("a", "b", "c");
        char home = once(balancer, client("10.1.1.1"), Outcome.FAILURE);
        char away = once(balancer, client("10.1.1.1"), Outcome.SUCCESS);
        assertNotEquals(home, away);
        clock.advance(10_001);
        assertEquals(home, once(balancer, client("10.1.1.1"), Outcome.SUCCESS));
    }
}
