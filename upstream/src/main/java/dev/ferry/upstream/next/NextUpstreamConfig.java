package dev.ferry.upstream.next;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The merged {@code proxy_next_upstream}, {@code proxy_next_upstream_tries} and
 * {@code proxy_next_upstream_timeout} of one location.
 *
 * @param retryOn       the failure kinds that move a request to the next peer; empty for {@code off}
 * @param nonIdempotent {@code non_idempotent}: POST, LOCK and PATCH may be retried once sent
 * @param tries         the cap on attempts, the first included; 0 is no cap
 * @param timeout       the time from the first attempt after which no retry starts; zero is no limit
 */
public record NextUpstreamConfig(Set<FailureKind> retryOn, boolean nonIdempotent, int tries, Duration timeout) {

    /** nginx's default: {@code error timeout}, no cap, no time limit. */
    public static final NextUpstreamConfig DEFAULT =
            new NextUpstreamConfig(EnumSet.of(FailureKind.ERROR, FailureKind.TIMEOUT), false, 0, Duration.ZERO);

    public NextUpstreamConfig {
        retryOn = Set.copyOf(retryOn);
        if (tries < 0) {
            throw new IllegalArgumentException("tries must be >= 0");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0");
        }
    }

    /** Whether {@code kind} is listed. */
    public boolean retries(FailureKind kind) {
        return retryOn.contains(kind);
    }
}
