package dev.ferry.upstream.next;

import static dev.ferry.upstream.next.NextUpstreamDecisionTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.conf.Directive;
import dev.ferry.conf.SourcePosition;
import dev.ferry.upstream.Attempt;
import dev.ferry.upstream.Balancer;
import dev.ferry.upstream.Balancers;
import dev.ferry.upstream.Outcome;
import dev.ferry.upstream.Peer;
import dev.ferry.upstream.PeerRegistry;
import dev.ferry.upstream.PickContext;
import dev.ferry.upstream.config.HostResolver;
import dev.ferry.upstream.config.UpstreamBinder;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Retries applied to a real balancer: tries, the accounting of §4, the timeout clock. */
class RetriesTest {

    private static final HostResolver RESOLVER = host -> List.of(InetAddress.ofLiteral(host));

    private long now = 5_000;
    private final RequestFacts get = RequestFacts.of("GET").sent();

    /** Servers 127.0.0.1:9001.. as "a", "b down", ...; the upstream binder reads the parameters. */
    private Balancer balancer(String... lines) {
        List<UpstreamServer> servers = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            List<String> args = new ArrayList<>();
            args.add("127.0.0.1:" + (9001 + words[0].charAt(0) - 'a'));
            args.addAll(Arrays.asList(words).subList(1, words.length));
            servers.add(new UpstreamBinder(RESOLVER).bindServer(
                    Directive.simple("server", args, SourcePosition.COMMAND_LINE)));
        }
        return Balancers.build(new UpstreamConfig("backend", servers, false, SourcePosition.COMMAND_LINE),
                new PeerRegistry(), () -> now, new SplittableRandom(42));
    }

    private Retries begin(Balancer balancer, String config) {
        return new NextUpstream(config(config), () -> now).begin(balancer.start(PickContext.NONE));
    }

    private static char letter(Peer peer) {
        return (char) ('a' + Integer.parseInt(peer.name().substring(peer.name().indexOf(':') + 1)) - 9001);
    }

    @Test
    void proxyNextUpstreamTriesCapsTheAttemptsTheFirstIncluded() {
        Retries retries = begin(balancer("a", "b", "c"), "default | tries=2");
        Attempt attempt = retries.attempt();
        assertEquals(2, attempt.tries());
        Peer first = attempt.next().orElseThrow();
        assertEquals(Decision.Action.RETRY, retries.failed(first, FailureKind.ERROR, get).action());
        Peer second = attempt.next().orElseThrow();
        Decision last = retries.failed(second, FailureKind.ERROR, get);
        assertEquals(new Decision(Decision.Action.RESPOND, Outcome.FAILURE, 502), last);
    }

    @Test
    void aListedStatusIsCountedWhenItMovesOnAndTheLastTrysStatusIsNot() {
        Balancer balancer = balancer("a", "b");
        Retries retries = begin(balancer, "error timeout http_502");
        Attempt attempt = retries.attempt();
        Peer first = attempt.next().orElseThrow();
        assertEquals(new Decision(Decision.Action.RETRY, Outcome.FAILURE, 502), retries.responded(first, 502, get));
        Peer second = attempt.next().orElseThrow();
        Decision last = retries.responded(second, 502, get);
        assertEquals(new Decision(Decision.Action.PASS_THROUGH, Outcome.SUCCESS, 502), last);
        attempt.finish(second, last.outcome()); // the proxy frees it once the response went out
        // max_fails=1: the first peer is now disabled, the second one is not.
        for (int i = 0; i < 3; i++) {
            Attempt plain = balancer.start();
            Peer p = plain.next().orElseThrow();
            assertEquals(second, p);
            plain.finish(p, Outcome.SUCCESS);
        }
    }

    @Test
    void aRetried404IsNeverCounted() {
        Balancer balancer = balancer("a", "b");
        for (int i = 0; i < 3; i++) {
            Retries retries = begin(balancer, "http_404");
            Peer first = retries.attempt().next().orElseThrow();
            assertEquals(new Decision(Decision.Action.RETRY, Outcome.NEXT, 404), retries.responded(first, 404, get));
            Peer second = retries.attempt().next().orElseThrow();
            retries.attempt().finish(second, Outcome.SUCCESS);
        }
        Attempt plain = balancer.start();
        Peer p = plain.next().orElseThrow();
        plain.finish(p, Outcome.SUCCESS);
        Attempt again = balancer.start();
        Peer q = again.next().orElseThrow();
        assertTrue(letter(p) != letter(q), "both peers still in the rotation");
    }

    @Test
    void aDownPeerLeavesOneTrySoA404GoesToTheClient() {
        Retries retries = begin(balancer("a", "b down"), "http_404");
        Peer a = retries.attempt().next().orElseThrow();
        assertEquals(Decision.Action.PASS_THROUGH, retries.responded(a, 404, get).action());
    }

    @Test
    void anErrorOnACachedConnectionIsRetriedWithoutUsingATryEvenOnASinglePeer() {
        Retries retries = begin(balancer("a"), "default");
        Attempt attempt = retries.attempt();
        Peer a = attempt.next().orElseThrow();
        assertEquals(Decision.Action.RETRY, retries.failed(a, FailureKind.ERROR, get.reused()).action());
        assertEquals(1, attempt.tries());
        Peer again = attempt.next().orElseThrow();
        assertEquals(a, again, "a single peer is tried again on a new connection");
        assertEquals(Decision.Action.RESPOND, retries.failed(again, FailureKind.ERROR, get).action());
    }

    @Test
    void noRetryStartsOnceTheTimeoutSinceTheFirstAttemptHasPassed() {
        Retries retries = begin(balancer("a", "b", "c"), "default | timeout=2s");
        Attempt attempt = retries.attempt();
        now += 1_999;
        assertEquals(Decision.Action.RETRY, retries.failed(attempt.next().orElseThrow(), FailureKind.TIMEOUT, get).action());
        now += 1;
        assertEquals(new Decision(Decision.Action.RESPOND, Outcome.FAILURE, 504),
                retries.failed(attempt.next().orElseThrow(), FailureKind.TIMEOUT, get));
    }

    @Test
    void anUnlistableStatusPassesThroughAndTheProxyFreesThePeer() {
        Retries retries = begin(balancer("a", "b"), "http_500 http_502 http_503 http_504 http_403 http_404 http_429");
        Peer a = retries.attempt().next().orElseThrow();
        Decision ok = retries.responded(a, 200, get);
        assertEquals(new Decision(Decision.Action.PASS_THROUGH, Outcome.SUCCESS, 200), ok);
        assertTrue(!ok.peerFreed());
        retries.attempt().finish(a, ok.outcome());
    }

    @Test
    void aWalkThatRunsOutOfUsablePeersWithTriesLeftEndsInNoLiveUpstreams() {
        // SPEC §4: $upstream_status "504, 504, 502", $upstream_addr "B, C, backend".
        Balancer balancer = balancer("a", "b", "c");
        Attempt first = balancer.start();
        Peer disabled = first.next().orElseThrow();
        first.finish(disabled, Outcome.FAILURE);
        Retries retries = begin(balancer, "default");
        Attempt attempt = retries.attempt();
        assertEquals(3, attempt.tries());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Decision d = retries.failed(attempt.next().orElseThrow(), FailureKind.TIMEOUT, get);
            assertEquals(Decision.Action.RETRY, d.action());
            statuses.add(d.status());
        }
        assertTrue(attempt.next().isEmpty(), "a try is left, but no untried usable peer");
        assertEquals(List.of(504, 504), statuses);
        assertEquals("backend", balancer.name());
    }
}
