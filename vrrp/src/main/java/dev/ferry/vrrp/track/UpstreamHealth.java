package dev.ferry.vrrp.track;

/**
 * The proxy's view of an upstream group's passive health ({@code max_fails}/{@code fail_timeout},
 * {@code down}), which the proxy implements; the tracker adds its own TCP connect probes so a
 * quiet proxy, whose passive health never changes, notices dead backends too.
 */
@FunctionalInterface
public interface UpstreamHealth {

    /** Whether passive health leaves at least one peer of {@code upstream} usable. */
    boolean hasLivePeer(String upstream);

    /** No passive view (tests, or a proxy without traffic): only the probes count. */
    UpstreamHealth PROBES_ONLY = upstream -> true;
}
