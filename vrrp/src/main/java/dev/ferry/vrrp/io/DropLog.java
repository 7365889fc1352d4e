package dev.ferry.vrrp.io;

import dev.ferry.vrrp.packet.DropReason;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs dropped packets with their reason, at most once per interval for each place and reason,
 * counting what it held back: a misconfigured peer sends one bad advert a second forever, and
 * that must be visible (SPEC-vrrp.md §8 #6) without flooding the log.
 */
final class DropLog {

    private record Key(String where, DropReason reason) {
    }

    private static final class Entry {
        long lastLoggedNanos;
        long suppressed;
    }

    private final Logger log;
    private final LongSupplier nanos;
    private final long intervalNanos;
    private final Map<Key, Entry> entries = new HashMap<>();

    DropLog(Logger log, LongSupplier nanos, long intervalNanos) {
        this.log = log;
        this.nanos = nanos;
        this.intervalNanos = intervalNanos;
    }

    /** Returns true when this call wrote a line. */
    boolean dropped(String where, DropReason reason, String detail) {
        long now = nanos.getAsLong();
        Entry e = entries.get(new Key(where, reason));
        if (e != null && now - e.lastLoggedNanos < intervalNanos) {
            e.suppressed++;
            return false;
        }
        long held = e == null ? 0 : e.suppressed;
        if (e == null) {
            e = new Entry();
            entries.put(new Key(where, reason), e);
        }
        e.lastLoggedNanos = now;
        e.suppressed = 0;
        log.warn("{}: dropped VRRP packet: {} ({}){}", where, reason.text(), detail,
                held == 0 ? "" : ", " + held + " more dropped for this reason since the last message");
        return true;
    }
}
