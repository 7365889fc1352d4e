package dev.ferry.accesslog;

import java.util.concurrent.atomic.AtomicLong;

/** Lines given up because the writer is behind (or closed): counted, never silent. */
final class DropCounter {

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();

    void add(long lines) {
        if (lines > 0) {
            total.addAndGet(lines);
            unreported.addAndGet(lines);
        }
    }

    long total() {
        return total.get();
    }

    /** The lines dropped since the last call. */
    long takeUnreported() {
        return unreported.getAndSet(0);
    }
}
