package dev.ferry.conf.value;

import java.util.OptionalLong;

/**
 * Time values as nginx's {@code ngx_parse_time} reads them (SPEC-nginx.md §1.4).
 *
 * <p>A value is a run of parts, each a number with a unit {@code y M w d h m s ms}, largest
 * unit first, optionally separated by spaces: {@code 1h 30m}, {@code 1m30s}. A bare number
 * counts as seconds. The quirks of {@code ngx_parse_time} are kept on purpose:
 * <ul>
 *   <li>for milliseconds the order check starts at "month", so both {@code y} and {@code M}
 *       are invalid there;</li>
 *   <li>a trailing number without a unit is added as seconds ({@code 1h30} is 3630 s);</li>
 *   <li>a space right after a number closes it as seconds, after which no unit smaller than
 *       the unit before may follow ({@code 10 5} is 15 s, {@code 10 5s} is invalid);</li>
 *   <li>a unit with no number before it adds nothing ({@code 1hs} is 3600 s);</li>
 *   <li>any overflow of a signed 64-bit total is invalid.</li>
 * </ul>
 */
public final class Times {

    // ngx_parse_time's steps, in the order units must appear.
    private static final int START = 0;
    private static final int YEAR = 1;
    private static final int MONTH = 2;
    private static final int WEEK = 3;
    private static final int DAY = 4;
    private static final int HOUR = 5;
    private static final int MIN = 6;
    private static final int SEC = 7;
    private static final int MSEC = 8;
    private static final int LAST = 9;

    private Times() {
    }

    /** A msec-valued directive's value (ngx_conf_set_msec_slot); empty when invalid. */
    public static OptionalLong parseMillis(String text) {
        return parse(text, false);
    }

    /** A sec-valued directive's value (ngx_conf_set_sec_slot); empty when invalid. */
    public static OptionalLong parseSeconds(String text) {
        return parse(text, true);
    }

    private static OptionalLong parse(String text, boolean inSeconds) {
        boolean valid = false;
        long value = 0;
        long total = 0;
        int step = inSeconds ? START : MONTH;
        int p = 0;
        int last = text.length();

        while (p < last) {
            char ch = text.charAt(p);
            if (ch >= '0' && ch <= '9') {
                int digit = ch - '0';
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    return OptionalLong.empty();
                }
                value = value * 10 + digit;
                valid = true;
                p++;
                continue;
            }
            p++;

            long max;
            long scale;
            switch (ch) {
                case 'y' -> {
                    if (step > START) {
                        return OptionalLong.empty();
                    }
                    step = YEAR;
                    scale = 60L * 60 * 24 * 365;
                }
                case 'M' -> {
                    if (step >= MONTH) {
                        return OptionalLong.empty();
                    }
                    step = MONTH;
                    scale = 60L * 60 * 24 * 30;
                }
                case 'w' -> {
                    if (step >= WEEK) {
                        return OptionalLong.empty();
                    }
                    step = WEEK;
                    scale = 60L * 60 * 24 * 7;
                }
                case 'd' -> {
                    if (step >= DAY) {
                        return OptionalLong.empty();
                    }
                    step = DAY;
                    scale = 60L * 60 * 24;
                }
                case 'h' -> {
                    if (step >= HOUR) {
                        return OptionalLong.empty();
                    }
                    step = HOUR;
                    scale = 60L * 60;
                }
                case 'm' -> {
                    if (p < last && text.charAt(p) == 's') {
                        if (inSeconds || step >= MSEC) {
                            return OptionalLong.empty();
                        }
                        p++;
                        step = MSEC;
                        scale = 1;
                    } else {
                        if (step >= MIN) {
                            return OptionalLong.empty();
                        }
                        step = MIN;
                        scale = 60;
                    }
                }
                case 's' -> {
                    if (step >= SEC) {
                        return OptionalLong.empty();
                    }
                    step = SEC;
                    scale = 1;
                }
                case ' ' -> {
                    // a number closed by a space, without a unit: seconds
                    if (step >= SEC) {
                        return OptionalLong.empty();
                    }
                    step = LAST;
                    scale = 1;
                }
                default -> {
                    return OptionalLong.empty();
                }
            }
            max = Long.MAX_VALUE / scale;
            if (step != MSEC && !inSeconds) {
                scale *= 1000;
                max /= 1000;
            }
            if (value > max) {
                return OptionalLong.empty();
            }
            value *= scale;
            if (total > Long.MAX_VALUE - value) {
                return OptionalLong.empty();
            }
            total += value;
            value = 0;
            while (p < last && text.charAt(p) == ' ') {
                p++;
            }
        }

        if (!valid) {
            return OptionalLong.empty();
        }
        // what is left is a bare number: seconds
        if (!inSeconds) {
            if (value > Long.MAX_VALUE / 1000) {
                return OptionalLong.empty();
            }
            value *= 1000;
        }
        if (total > Long.MAX_VALUE - value) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(total + value);
    }
}
