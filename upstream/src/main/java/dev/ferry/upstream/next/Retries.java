package dev.ferry.upstream.next;

import dev.ferry.upstream.Attempt;
import dev.ferry.upstream.Outcome;
import dev.ferry.upstream.Peer;
import java.util.Optional;

/**
 * One request's {@code proxy_next_upstream} bookkeeping around its {@link Attempt}: it asks
 * {@link NextUpstream#decide} and applies the answer (frees the failed peer with the right
 * outcome, gives a try back after an error on a cached connection). Belongs to the request's
 * event loop, like the attempt.
 */
public final class Retries {

    private final NextUpstream policy;
    private final Attempt attempt;
    private final long startMillis;

    Retries(NextUpstream policy, Attempt attempt, long startMillis) {
        this.policy = policy;
        this.attempt = attempt;
        this.startMillis = startMillis;
    }

    /**
     * The attempt on {@code peer} failed with {@code kind} (error, timeout, invalid_header, or a
     * status the caller already classified). On RETRY and RESPOND the peer is freed here.
     */
    public Decision failed(Peer peer, FailureKind kind, RequestFacts facts) {
        Decision decision = NextUpstream.decide(policy.config(), kind, attempt.tries(),
                policy.now() - startMillis, facts);
        if (decision.peerFreed()) {
            attempt.finish(peer, decision.outcome());
            if (decision.retry() && kind == FailureKind.ERROR && facts.reusedConnection()) {
                attempt.refundTry();
            }
        }
        return decision;
    }

    /**
     * A response head with {@code status} arrived from {@code peer}. A status that
     * {@code proxy_next_upstream} cannot list is passed through at once; a listed one may move
     * the request on.
     */
    public Decision responded(Peer peer, int status, RequestFacts facts) {
        Optional<FailureKind> kind = FailureKind.forStatus(status);
        if (kind.isEmpty()) {
            return new Decision(Decision.Action.PASS_THROUGH, Outcome.SUCCESS, status);
        }
        return failed(peer, kind.get(), facts);
    }

    /** The attempt these retries drive. */
    public Attempt attempt() {
        return attempt;
    }
}
