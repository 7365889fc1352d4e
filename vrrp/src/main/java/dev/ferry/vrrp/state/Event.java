package dev.ferry.vrrp.state;

/** What can happen to an instance; the shell turns sockets, timers, tracking and signals into these. */
public sealed interface Event {

    /** RFC 5798 §6.4.1: the Startup event. */
    record Startup() implements Event {
    }

    /** RFC 5798 §6.4.2/§6.4.3: the Shutdown event (stop, or the instance removed by a reload). */
    record Shutdown() implements Event {
    }

    /** A deadline returned by the last step has passed. */
    record TimerExpired() implements Event {
    }

    /**
     * A valid advertisement for this instance (the receive checks have passed).
     *
     * @param priority       the sender's priority, 0 when it resigns
     * @param source         the sender's primary address as an unsigned 32-bit number in an int
     * @param intervalCentis the sender's advertisement interval, centiseconds
     */
    record AdvertReceived(int priority, int source, int intervalCentis) implements Event {
    }

    /**
     * The trackers changed the effective priority or the fault condition (keepalived's
     * track_interface / track_script; Ferry's track_upstream).
     *
     * @param priority the effective priority, 1..255
     * @param fault    a tracked item without weight is down
     */
    record TrackingChanged(int priority, boolean fault) implements Event {
    }
}
