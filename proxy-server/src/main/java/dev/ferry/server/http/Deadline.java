package dev.ferry.server.http;

import dev.ferry.server.vars.LoopClock;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One timer (client_header_timeout, keepalive_timeout, proxy_read_timeout, ...) that is armed and
 * disarmed several times per request but almost never fires. Scheduling and cancelling a Netty
 * task each time costs two priority-queue operations per arm; here arming only moves a deadline,
 * and the one scheduled task, when it comes due early, re-schedules itself for the deadline as it
 * then stands — nginx's timers do the same with their lazy rbtree updates. A task is cancelled
 * only when a new deadline falls before it (a short timeout after a long one), which is rare.
 * Only the event loop of {@code executor} may use it.
 */
final class Deadline {

    private final EventExecutor executor;
    /** The executor's own clock, the one its scheduled tasks run by (tests move it). */
    private final Ticker clock;
    /** The executor runs on the system clock: the loop's cached reading will do (see LoopClock). */
    private final boolean loopTime;
    /** When the action runs; 0 when disarmed. */
    private long deadlineNanos;
    private Runnable action;
    private ScheduledFuture<?> task;
    /** When {@link #task} runs (meaningful while it is not null). */
    private long taskDueNanos;

    Deadline(EventExecutor executor) {
        this.executor = executor;
        this.clock = executor.ticker();
        this.loopTime = clock == Ticker.systemTicker();
    }

    private long now() {
        return loopTime ? LoopClock.nanoTime() : clock.nanoTime();
    }

    /** Runs {@code action} after {@code timeout} unless re-armed or disarmed before. */
    void arm(Duration timeout, Runnable action) {
        long now = now();
        long delay = Math.max(0, timeout.toNanos());
        this.deadlineNanos = Math.max(1, now + delay);
        this.action = action;
        if (task != null && taskDueNanos - deadlineNanos > 0) {
            task.cancel(false); // due after the new deadline: it would fire late
            task = null;
        }
        if (task == null) {
            schedule(now, delay);
        }
    }

    /** Like {@link #arm}, but an earlier deadline already set stays. */
    void armNoLaterThan(Duration timeout, Runnable action) {
        if (deadlineNanos == 0 || deadlineNanos - (now() + timeout.toNanos()) > 0) {
            arm(timeout, action);
        }
    }

    void disarm() {
        deadlineNanos = 0;
        action = null;
    }

    boolean armed() {
        return deadlineNanos != 0;
    }

    /** Stops for good (the connection closed): the scheduled task goes too. */
    void cancel() {
        disarm();
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule(long now, long delayNanos) {
        taskDueNanos = now + delayNanos;
        task = executor.schedule(this::due, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void due() {
        task = null;
        if (deadlineNanos == 0) {
            return;
        }
        long now = now();
        long left = deadlineNanos - now;
        if (left > 0) {
            schedule(now, left);
            return;
        }
        Runnable run = action;
        disarm();
        run.run();
    }
}
