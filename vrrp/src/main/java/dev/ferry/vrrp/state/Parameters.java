package dev.ferry.vrrp.state;

/**
 * The fixed settings of one instance as the state machine needs them, in nanoseconds and
 * centiseconds (RFC 5798 §6.1).
 *
 * @param version              2 or 3: decides how Skew_Time and Master_Down_Interval scale
 * @param advertCentis         Advertisement_Interval
 * @param preempt              Preempt_Mode (false with nopreempt)
 * @param preemptDelayNanos    keepalived's preempt_delay, 0 for none
 * @param garpRepeat           GARPs per burst (garp_master_repeat)
 * @param garpDelayNanos       delay of the second burst (garp_master_delay), 0 for none
 * @param garpRefreshNanos     GARP refresh period while master (garp_master_refresh), 0 for none
 * @param localAddress         the primary address adverts are sent from, as an unsigned
 *                             32-bit number in an int, for the tie-break of RFC 5798 §6.4.3
 */
public record Parameters(int version, int advertCentis, boolean preempt, long preemptDelayNanos, int garpRepeat,
        long garpDelayNanos, long garpRefreshNanos, int localAddress) {

    static final long NANOS_PER_CENTI = 10_000_000L;

    public Parameters {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3");
        }
        if (advertCentis < 1 || advertCentis > 25500) {
            throw new IllegalArgumentException("advertCentis out of range: " + advertCentis);
        }
        if (preemptDelayNanos < 0 || garpDelayNanos < 0 || garpRefreshNanos < 0 || garpRepeat < 1) {
            throw new IllegalArgumentException("negative delay or no GARP");
        }
    }

    long advertNanos() {
        return advertCentis * NANOS_PER_CENTI;
    }

    /**
     * Skew_Time: v2 (RFC 3768 §6.1) {@code (256 - Priority) / 256} seconds; v3 (RFC 5798 §6.1)
     * {@code ((256 - Priority) * Master_Adver_Interval) / 256}. keepalived uses the local priority.
     */
    long skewNanos(int priority, int masterAdverCentis) {
        return version == 2 ? (256L - priority) * 1_000_000_000L / 256
                : (256L - priority) * masterAdverCentis * NANOS_PER_CENTI / 256;
    }

    /** Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time (v2: the own interval). */
    long masterDownNanos(int priority, int masterAdverCentis) {
        int interval = version == 2 ? advertCentis : masterAdverCentis;
        return 3 * interval * NANOS_PER_CENTI + skewNanos(priority, masterAdverCentis);
    }
}
