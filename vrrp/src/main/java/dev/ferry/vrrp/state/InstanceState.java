package dev.ferry.vrrp.state;

import java.util.Objects;

/**
 * Everything that changes about one instance between steps. Deadlines are monotonic
 * nanoseconds ({@code System.nanoTime()} in production, a test's own numbers in tests);
 * {@link #NONE} means "not running".
 *
 * @param state              the RFC state
 * @param priority           the effective priority (base ± tracking weights), 1..255
 * @param fault              tracking has put the instance in FAULT (or will, at startup)
 * @param masterAdverCentis  Master_Adver_Interval: the own interval until a v3 master's arrives
 * @param timerNanos         the Adver timer (Master) or the Master_Down timer (Backup)
 * @param garpNanos          the next GARP burst while Master (second burst, then refresh)
 * @param preemptUntilNanos  end of the preempt_delay window in Backup, NONE before a
 *                           lower-priority master has been seen
 * @param masterAddress      the last master heard from (unsigned in an int), 0 when none, for status
 */
public record InstanceState(VrrpState state, int priority, boolean fault, int masterAdverCentis, long timerNanos,
        long garpNanos, long preemptUntilNanos, int masterAddress) {

    public static final long NONE = Long.MAX_VALUE;

    public InstanceState {
        Objects.requireNonNull(state, "state");
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority must be 1..255: " + priority);
        }
    }

    /** An instance that has not started yet. */
    public static InstanceState initial(int priority, boolean fault, int advertCentis) {
        return new InstanceState(VrrpState.INITIALIZE, priority, fault, advertCentis, NONE, NONE, NONE, 0);
    }

    /** When the shell must call back with {@link Event.TimerExpired}, or {@link #NONE}. */
    public long nextDeadline() {
        return Math.min(timerNanos, garpNanos);
    }

    InstanceState with(VrrpState newState, long timer, long garp) {
        return new InstanceState(newState, priority, fault, masterAdverCentis, timer, garp, preemptUntilNanos,
                masterAddress);
    }

    InstanceState withTimer(long timer) {
        return new InstanceState(state, priority, fault, masterAdverCentis, timer, garpNanos, preemptUntilNanos,
                masterAddress);
    }

    InstanceState withGarp(long garp) {
        return new InstanceState(state, priority, fault, masterAdverCentis, timerNanos, garp, preemptUntilNanos,
                masterAddress);
    }

    InstanceState withMaster(int adverCentis, int address) {
        return new InstanceState(state, priority, fault, adverCentis, timerNanos, garpNanos, preemptUntilNanos,
                address);
    }

    InstanceState withPreemptUntil(long until) {
        return new InstanceState(state, priority, fault, masterAdverCentis, timerNanos, garpNanos, until,
                masterAddress);
    }

    InstanceState withTracking(int newPriority, boolean newFault) {
        return new InstanceState(state, newPriority, newFault, masterAdverCentis, timerNanos, garpNanos,
                preemptUntilNanos, masterAddress);
    }
}
