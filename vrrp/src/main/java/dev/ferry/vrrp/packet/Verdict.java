package dev.ferry.vrrp.packet;

import java.net.Inet4Address;

/** The outcome of the receive checks: an advertisement for the state machine, or a drop with its reason. */
public sealed interface Verdict {

    /** A valid advertisement from {@code source}. */
    record Accepted(Advertisement advertisement, Inet4Address source) implements Verdict {
    }

    /** A packet that does not count, with the reason and details for the log. */
    record Dropped(DropReason reason, String detail) implements Verdict {
    }
}
