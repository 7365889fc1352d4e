package dev.ferry.server.vars;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** nginx's time formats for {@code $time_local}, {@code $time_iso8601}, {@code $msec} and durations. */
public final class Times {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private Times() {
    }

    /** {@code 21/Aug/2026:17:00:43 +0400}. */
    public static String local(long epochMillis) {
        return LOCAL.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 2026-08-21T17:00:43+04:00}. */
    public static String iso8601(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 1787317243.123}. */
    public static String msec(long epochMillis) {
        return epochMillis / 1000 + "." + String.format("%03d", epochMillis % 1000);
    }

    /** Seconds with a millisecond fraction, {@code 0.003}, as nginx prints durations. */
    public static String seconds(long nanos) {
        long millis = Math.max(0, nanos / 1_000_000);
        return millis / 1000 + "." + String.format("%03d", millis % 1000);
    }
}
