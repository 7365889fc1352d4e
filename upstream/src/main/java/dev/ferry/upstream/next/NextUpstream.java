package dev.ferry.upstream.next;

import dev.ferry.upstream.Attempt;
import dev.ferry.upstream.Outcome;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The {@code proxy_next_upstream} decision of one location: after a failed attempt, does the
 * request move to the next peer, how is the failed peer freed, and what does the client get?
 * nginx makes it in {@code ngx_http_upstream_test_next} (a response status) and
 * {@code ngx_http_upstream_next} (everything, after freeing the peer). Immutable and shared.
 *
 * <p>The proxy's request path uses it like this:
 * <pre>{@code
 * Attempt attempt = balancer.start(PickContext.of(client, hashKey));
 * Retries retries = nextUpstream.begin(attempt);       // caps tries, starts the timeout clock
 * for (;;) {
 *     Optional<Peer> peer = attempt.next();              // empty: 502 "no live upstreams"
 *     ... connect and send ...
 *     Decision d = retries.failed(peer, FailureKind.TIMEOUT, facts);   // or
 *     Decision d = retries.responded(peer, status, facts);              // on each response head
 *     switch (d.action()) { RETRY -> continue; RESPOND -> send d.status(); PASS_THROUGH, ABORT -> ... }
 * }
 * }</pre>
 */
public final class NextUpstream {

    private final NextUpstreamConfig config;
    private final LongSupplier clockMillis;

    /** @param clockMillis a monotonic millisecond clock, for {@code proxy_next_upstream_timeout} */
    public NextUpstream(NextUpstreamConfig config, LongSupplier clockMillis) {
        this.config = Objects.requireNonNull(config, "config");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    public NextUpstreamConfig config() {
        return config;
    }

    /**
     * Starts one request's retries, right after {@code Balancer.start} and before the first
     * attempt: the attempt's tries are capped by {@code proxy_next_upstream_tries} and the
     * {@code proxy_next_upstream_timeout} clock starts (ngx_http_upstream_init_request).
     */
    public Retries begin(Attempt attempt) {
        attempt.limitTries(config.tries());
        return new Retries(this, attempt, clockMillis.getAsLong());
    }

    long now() {
        return clockMillis.getAsLong();
    }

    /**
     * The decision for a failure of {@code kind} on the current peer, as a pure function.
     *
     * @param triesLeft     the attempt's tries before the failed peer is freed (it counts the
     *                      failed attempt)
     * @param elapsedMillis time since the request's first attempt started
     */
    public static Decision decide(NextUpstreamConfig config, FailureKind kind, int triesLeft, long elapsedMillis,
            RequestFacts facts) {
        if (facts.responseStarted()) {
            // Past the response head nothing is retried, and the peer counts as a success.
            return new Decision(Decision.Action.ABORT, Outcome.SUCCESS, kind.status());
        }
        if (kind.isStatus()) {
            // ngx_http_upstream_test_next: a listed status moves on only while another try is
            // left (tries > 1 before the free); otherwise the response is the client's, and the
            // peer is freed as a success when it ends.
            if (triesLeft > 1 && allowed(config, kind, elapsedMillis, facts)) {
                Outcome outcome = kind.countsAsFailure() ? Outcome.FAILURE : Outcome.NEXT;
                return facts.clientClosed() ? clientGone(outcome)
                        : new Decision(Decision.Action.RETRY, outcome, kind.status());
            }
            return new Decision(Decision.Action.PASS_THROUGH, Outcome.SUCCESS, kind.status());
        }
        // ngx_http_upstream_next: the peer is freed as failed first, whatever the config says
        // (which takes a try), an error on a cached connection gives its try back, and a client
        // that left ends the request.
        int left = Math.max(triesLeft - 1, 0) + (kind == FailureKind.ERROR && facts.reusedConnection() ? 1 : 0);
        if (facts.clientClosed()) {
            return clientGone(Outcome.FAILURE);
        }
        if (left > 0 && allowed(config, kind, elapsedMillis, facts)) {
            return new Decision(Decision.Action.RETRY, Outcome.FAILURE, kind.status());
        }
        return new Decision(Decision.Action.RESPOND, Outcome.FAILURE, kind.status());
    }

    /** NGX_HTTP_CLIENT_CLOSED_REQUEST: only logged. */
    private static Decision clientGone(Outcome outcome) {
        return new Decision(Decision.Action.RESPOND, outcome, 499);
    }

    /** The conditions besides tries, in nginx's words of §5.7. */
    private static boolean allowed(NextUpstreamConfig config, FailureKind kind, long elapsedMillis,
            RequestFacts facts) {
        if (!config.retries(kind)) {
            return false;
        }
        if (facts.requestSent() && facts.nonIdempotentMethod() && !config.nonIdempotent()) {
            return false; // POST, LOCK, PATCH once anything was sent: only with non_idempotent
        }
        if (facts.requestSent() && facts.unbufferedBody()) {
            return false; // a streamed body cannot be sent again
        }
        long timeout = config.timeout().toMillis();
        return timeout == 0 || elapsedMillis < timeout;
    }
}
