package dev.ferry.accesslog;

import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when a test says so. */
final class FakeClock implements LogClock {

    private volatile long millis;
    private volatile long nanos;

    FakeClock(Instant now) {
        this.millis = now.toEpochMilli();
        this.nanos = 1_000_000_000_000L;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    void advance(Duration d) {
        millis += d.toMillis();
        nanos += d.toNanos();
    }
}
