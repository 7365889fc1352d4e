package dev.ferry.accesslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * The two clock variables that change once a second, {@code $time_local} and
 * {@code $time_iso8601}, formatted once per second and shared by every thread, as nginx keeps
 * {@code ngx_cached_http_log_time} and {@code ngx_cached_http_log_iso8601} ({@code ngx_times.c}).
 */
final class LogTime {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** One second, formatted both ways. */
    record Stamp(long epochSecond, byte[] local, byte[] iso8601) {
    }

    private final ZoneRules rules;
    private volatile Stamp last;

    LogTime(ZoneId zone) {
        this.rules = zone.getRules();
    }

    Stamp at(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Stamp stamp = last;
        if (stamp == null || stamp.epochSecond() != second) {
            // Two threads may both format a new second; either result is the same value.
            stamp = format(second);
            last = stamp;
        }
        return stamp;
    }

    private Stamp format(long second) {
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(second));
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, offset);
        // nginx keeps the offset in minutes (tm_gmtoff / 60) and prints its sign, hours and minutes.
        int minutes = offset.getTotalSeconds() / 60;
        char sign = minutes < 0 ? '-' : '+';
        int hh = Math.abs(minutes / 60);
        int mm = Math.abs(minutes % 60);
        String local = String.format("%02d/%s/%d:%02d:%02d:%02d %c%02d%02d",
                t.getDayOfMonth(), MONTHS[t.getMonthValue() - 1], t.getYear(),
                t.getHour(), t.getMinute(), t.getSecond(), sign, hh, mm);
        String iso = String.format("%4d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), sign, hh, mm);
        return new Stamp(second, local.getBytes(StandardCharsets.US_ASCII), iso.getBytes(StandardCharsets.US_ASCII));
    }
}
