package dev.ferry.upstream;

import static dev.ferry.upstream.Fixtures.letter;
import static dev.ferry.upstream.Fixtures.once;
import static dev.ferry.upstream.Fixtures.primaries;
import static dev.ferry.upstream.Fixtures.roundRobin;
import static dev.ferry.upstream.Fixtures.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Failures, the fail_timeout window, probes, down, max_conns, single-peer groups and backups
 * (SPEC §3 and §4), on a fake clock.
 */
class PassiveHealthTest {

    private final Fixtures.Clock clock = new Fixtures.Clock();

    /** Fails the first request on the peer with {@code letter}, succeeding the others. */
    private static void failOn(Balancer balancer, char letter) {
        for (int i = 0; i < 20; i++) {
            Attempt attempt = balancer.start();
            Peer peer = attempt.next().orElseThrow();
            boolean hit = letter(peer) == letter;
            attempt.finish(peer, hit ? Outcome.FAILURE : Outcome.SUCCESS);
            if (hit) {
                return;
            }
        }
        throw new AssertionError("never picked " + letter);
    }

    private static Peer peer(Balancer balancer, char letter) {
        return primaries(balancer).stream().filter(p -> letter(p) == letter).findFirst().orElseThrow();
    }

    @Test
    void aPeerIsSkippedOnceMaxFailsIsReachedAndOnlyForFailTimeout() {
        Balancer balancer = roundRobin(clock, "a max_fails=2 fail_timeout=10", "b");
        failOn(balancer, 'a');
        assertTrue(sequence(balancer, 4).contains("a"), "one failure of two allowed keeps a in use");
        failOn(balancer, 'a');
        clock.advance(10_000);
        assertEquals("bbbb", sequence(balancer, 4), "fail_timeout is inclusive");
        clock.advance(1);
        assertTrue(sequence(balancer, 4).contains("a"));
    }

    @Test
    void aGroupHasNoLivePeerWhileEveryPeerSitsOutItsWindow() {
        Balancer balancer = roundRobin(clock, "a fail_timeout=10", "b fail_timeout=10");
        assertTrue(balancer.hasLivePeer());
        failOn(balancer, 'a');
        assertTrue(balancer.hasLivePeer(), "b is still usable");
        failOn(balancer, 'b');
        assertFalse(balancer.hasLivePeer(), "both inside their failure windows");
        clock.advance(10_001);
        assertTrue(balancer.hasLivePeer(), "the windows are over: a probe may go");
    }

    @Test
    void aLonePeerIsLiveUnlessDown() {
        Balancer single = roundRobin(clock, "a");
        failOn(single, 'a');
        assertTrue(single.hasLivePeer(), "a single peer ignores max_fails, as nginx does");
        assertFalse(roundRobin(clock, "a down").hasLivePeer());
    }

    @Test
    void aSuccessInsideTheWindowDoesNotClearTheFailures() {
        Balancer balancer = roundRobin(clock, "a max_fails=2 fail_timeout=10", "b");
        failOn(balancer, 'a');
        clock.advance(1_000);
        sequence(balancer, 4); // a succeeds, but inside the window that began with its failure
        assertEquals(1, peer(balancer, 'a').fails);
        failOn(balancer, 'a');
        assertEquals("bbbb", sequence(balancer, 4), "the second failure reached max_fails");
    }

    @Test
    void aSuccessAfterTheWindowClearsTheFailures() {
        Balancer balancer = roundRobin(clock, "a max_fails=2 fail_timeout=10", "b");
        failOn(balancer, 'a');
        clock.advance(10_001);
        sequence(balancer, 4);
        assertEquals(0, peer(balancer, 'a').fails);
    }

    @Test
    void aFailedProbeDisablesThePeerForAnotherFailTimeout() {
        Balancer balancer = roundRobin(clock, "a fail_timeout=5", "b");
        failOn(balancer, 'a');
        clock.advance(5_001);
        failOn(balancer, 'a');
        assertEquals("bbbbbb", sequence(balancer, 6));
        clock.advance(5_000);
        assertEquals("bbbb", sequence(balancer, 4));
        clock.advance(1);
        assertTrue(sequence(balancer, 4).contains("a"));
    }

    @Test
    void maxFailsZeroNeverDisablesNorLowersTheWeight() {
        Balancer balancer = roundRobin(clock, "a max_fails=0", "b");
        for (int i = 0; i < 10; i++) {
            failOn(balancer, 'a');
        }
        assertEquals(1, peer(balancer, 'a').effectiveWeight);
        String picks = sequence(balancer, 4);
        assertEquals(2, picks.chars().filter(c -> c == 'a').count(), picks);
    }

    @Test
    void aFailureLowersTheEffectiveWeightByWeightOverMaxFailsThenItClimbsBackOnePerPick() {
        Balancer balancer = roundRobin(clock, "a weight=5 max_fails=2", "b weight=5");
        failOn(balancer, 'a');
        Peer a = peer(balancer, 'a');
        assertEquals(3, a.effectiveWeight);
        sequence(balancer, 1);
        assertEquals(4, a.effectiveWeight);
        sequence(balancer, 1);
        assertEquals(5, a.effectiveWeight);
        sequence(balancer, 1);
        assertEquals(5, a.effectiveWeight);
    }

    @Test
    void weightOneWithMaxFailsThreeKeepsItsWeightAndWeightFiveWithOneFailureDropsToZero() {
        Balancer balancer = roundRobin(clock, "a max_fails=3", "b weight=5");
        failOn(balancer, 'a');
        failOn(balancer, 'b');
        assertEquals(1, peer(balancer, 'a').effectiveWeight);
        assertEquals(0, peer(balancer, 'b').effectiveWeight);
    }

    @Test
    void everyPeerDisabledGivesNoLiveUpstreamsAndNoQuickRecovery() {
        Balancer balancer = roundRobin(clock, "a", "b");
        failOn(balancer, 'a');
        failOn(balancer, 'b');
        assertEquals("--", sequence(balancer, 2));
        assertEquals(1, peer(balancer, 'a').fails, "nginx >= 1.11.5 does not reset the counters");
    }

    @Test
    void downPeersAreNeverPickedAndDoNotCountTowardTries() {
        Balancer balancer = roundRobin(clock, "a", "b down", "c");
        assertEquals("acacac", sequence(balancer, 6));
        assertEquals(2, balancer.start().tries());
    }

    @Test
    void aSinglePeerIgnoresMaxFailsAndIsNeverRetried() {
        Balancer balancer = roundRobin(clock, "a");
        for (int i = 0; i < 3; i++) {
            Attempt attempt = balancer.start();
            assertEquals(1, attempt.tries());
            Peer peer = attempt.next().orElseThrow();
            attempt.finish(peer, Outcome.FAILURE);
            assertEquals(0, attempt.tries());
        }
        assertEquals(0, peer(balancer, 'a').fails);
        assertEquals("a", sequence(balancer, 1));
    }

    @Test
    void aSinglePeerThatIsDownOrFullGivesNoLiveUpstreams() {
        assertEquals("-", sequence(roundRobin(clock, "a down"), 1));
        Balancer full = roundRobin(clock, "a max_conns=1");
        Attempt first = full.start();
        Peer a = first.next().orElseThrow();
        assertTrue(full.start().next().isEmpty());
        first.finish(a, Outcome.SUCCESS);
        assertEquals("a", sequence(full, 1));
    }

    @Test
    void maxConnsCountsTheConnectionsOfEveryRequestInFlight() {
        Balancer balancer = roundRobin(clock, "a max_conns=1", "b max_conns=1");
        Attempt one = balancer.start();
        Attempt two = balancer.start();
        Peer first = one.next().orElseThrow();
        Peer second = two.next().orElseThrow();
        assertFalse(first == second, "the second request cannot have the full peer");
        assertTrue(balancer.start().next().isEmpty(), "both peers are at max_conns");
        one.finish(first, Outcome.SUCCESS);
        assertEquals(letter(first), once(balancer, PickContext.NONE, Outcome.SUCCESS));
        two.finish(second, Outcome.SUCCESS);
        assertEquals(0, primaries(balancer).stream().mapToInt(p -> p.conns).sum());
    }

    @Test
    void backupsServeOnlyWhileNoPrimaryIsUsableAndRequestsReturnToThePrimaries() {
        Balancer balancer = roundRobin(clock, "a", "b", "c backup weight=2", "d backup");
        assertEquals("abab", sequence(balancer, 4));
        failOn(balancer, 'a');
        failOn(balancer, 'b');
        assertEquals("cdccdc", sequence(balancer, 6), "the backups have their own smooth round robin");
        clock.advance(10_001);
        String back = sequence(balancer, 6);
        assertTrue(back.matches("[ab]+") && back.contains("a") && back.contains("b"), back);
    }

    @Test
    void aRequestThatMovedToTheBackupsStaysThereForItsRetries() {
        Balancer balancer = roundRobin(clock, "a", "b", "c backup", "d backup");
        Attempt attempt = balancer.start();
        assertEquals(4, attempt.tries());
        StringBuilder walk = new StringBuilder();
        for (Peer peer = attempt.next().orElseThrow(); ; peer = attempt.next().orElseThrow()) {
            walk.append(letter(peer));
            attempt.finish(peer, Outcome.FAILURE);
            clock.advance(10_001); // the primaries are usable again, but not for this request
            if (walk.length() == 4) {
                break;
            }
        }
        assertEquals("abcd", walk.toString());
        assertTrue(attempt.next().isEmpty());
        assertEquals(0, attempt.tries());
    }

    @Test
    void finishingAPeerTwiceOrPickingWithOneInFlightIsAnError() {
        Balancer balancer = roundRobin(clock, "a", "b");
        Attempt attempt = balancer.start();
        Peer a = attempt.next().orElseThrow();
        assertThrows(IllegalStateException.class, attempt::next);
        attempt.finish(a, Outcome.SUCCESS);
        assertThrows(IllegalStateException.class, () -> attempt.finish(a, Outcome.SUCCESS));
        assertEquals(0, a.conns, "no negative connection counts");
    }
}
