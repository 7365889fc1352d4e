package dev.ferry.upstream.next;

import dev.ferry.upstream.Outcome;
import java.util.Objects;

/**
 * What to do after an attempt failed.
 *
 * @param action  the next step
 * @param outcome how the peer is freed: FAILURE or NEXT at once for {@link Action#RETRY} and
 *                {@link Action#RESPOND}; SUCCESS, when the exchange ends, for
 *                {@link Action#PASS_THROUGH} and {@link Action#ABORT}
 * @param status  the status of this attempt for {@code $upstream_status}, and what the client
 *                gets for {@link Action#RESPOND} (502, 504, or 499 when the client is gone) and
 *                {@link Action#PASS_THROUGH} (the upstream's own)
 */
public record Decision(Action action, Outcome outcome, int status) {

    /** The next step after a failed attempt. */
    public enum Action {
        /** Take the next peer ({@code Attempt.next()}); the failed one is already freed. */
        RETRY,
        /** Send {@link Decision#status()} to the client (or log 499); the peer is already freed. */
        RESPOND,
        /** Pass the upstream's response through; free the peer with SUCCESS when it is done. */
        PASS_THROUGH,
        /** The response already started: close the client connection; free the peer with SUCCESS. */
        ABORT
    }

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean retry() {
        return action == Action.RETRY;
    }

    /**
     * Whether the failed peer is freed now, with {@link #outcome()} (RETRY and RESPOND):
     * {@link Retries} does it; a caller of {@link NextUpstream#decide} must.
     */
    public boolean peerFreed() {
        return action == Action.RETRY || action == Action.RESPOND;
    }
}
