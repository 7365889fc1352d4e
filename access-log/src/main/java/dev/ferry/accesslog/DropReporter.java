package dev.ferry.accesslog;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Reports dropped lines to the error log at most once per interval, from a thread of its own:
 * the formatting threads must not wait on the error log, and the writer thread is exactly the
 * one that is stuck when lines are dropped.
 */
final class DropReporter implements Runnable {

    static final LongConsumer TO_ERROR_LOG = n -> ErrorLog.LOG.warn(
            "{} access log lines dropped: writing the access log is slower than the traffic", n);

    private final DropCounter drops;
    private final LongConsumer report;
    private final long intervalNanos;
    private volatile boolean stopped;

    DropReporter(DropCounter drops, LongConsumer report, long intervalNanos) {
        this.drops = drops;
        this.report = report;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void run() {
        long next = System.nanoTime() + intervalNanos;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            reportNow();
            next = System.nanoTime() + intervalNanos;
        }
    }

    void reportNow() {
        long n = drops.takeUnreported();
        if (n > 0) {
            report.accept(n);
        }
    }

    void stop(Thread thread) {
        stopped = true;
        LockSupport.unpark(thread);
    }
}
