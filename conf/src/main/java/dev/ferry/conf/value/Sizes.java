package dev.ferry.conf.value;

import java.util.OptionalLong;

/**
 * Sizes and offsets as nginx's {@code ngx_parse_size} and {@code ngx_parse_offset} read them
 * (SPEC-nginx.md §1.4): decimal digits only, then an optional unit as the last character,
 * {@code k}/{@code K} (1024) or {@code m}/{@code M} (1024²), and for offsets also
 * {@code g}/{@code G} (1024³). A value that does not fit a signed 64-bit number is invalid.
 */
public final class Sizes {

    private static final long KILO = 1024;
    private static final long MEGA = 1024 * 1024;
    private static final long GIGA = 1024 * 1024 * 1024;

    private Sizes() {
    }

    /** A size ({@code client_body_buffer_size 8k}); empty when invalid. */
    public static OptionalLong parseSize(String text) {
        return parse(text, false);
    }

    /** An offset ({@code client_max_body_size 1g}); empty when invalid. */
    public static OptionalLong parseOffset(String text) {
        return parse(text, true);
    }

    private static OptionalLong parse(String text, boolean offset) {
        int len = text.length();
        if (len == 0) {
            return OptionalLong.empty();
        }
        long scale = switch (text.charAt(len - 1)) {
            case 'k', 'K' -> KILO;
            case 'm', 'M' -> MEGA;
            case 'g', 'G' -> offset ? GIGA : 1;
            default -> 1;
        };
        if (scale != 1) {
            len--;
        }
        OptionalLong number = digits(text, len);
        if (number.isEmpty() || number.getAsLong() > Long.MAX_VALUE / scale) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(number.getAsLong() * scale);
    }

    /** ngx_atosz / ngx_atoof: digits only, at least one, no overflow. */
    private static OptionalLong digits(String text, int len) {
        if (len == 0) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < len; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return OptionalLong.empty();
            }
            int digit = ch - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return OptionalLong.empty();
            }
            value = value * 10 + digit;
        }
        return OptionalLong.of(value);
    }
}
