package dev.ferry.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growable byte buffer that one log line is formatted into, with the number
 * formats and escapes of {@code ngx_http_log_module.c}. One lives per formatting thread, so
 * formatting a line allocates nothing once the buffer has grown to the usual line length.
 *
 * <p>Values arrive as {@link CharSequence}s that carry bytes: a char up to 0xFF is one byte
 * (ISO-8859-1, the way Netty hands over request bytes), a char above it is written as UTF-8.
 */
final class LineBuilder {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL = 512;
    /** A buffer that grew past this for one huge line is dropped at the next reset. */
    private static final int RETAIN = 64 * 1024;

    /** Per escape (by ordinal), the bytes it writes unchanged. */
    private static final boolean[][] PLAIN = new boolean[Escape.values().length][256];

    static {
        for (int b = 0; b < 256; b++) {
            PLAIN[Escape.DEFAULT.ordinal()][b] = !(b < 0x20 || b == '"' || b == '\\' || b >= 0x7F);
            PLAIN[Escape.JSON.ordinal()][b] = b > 0x1F && b != '"' && b != '\\';
            PLAIN[Escape.NONE.ordinal()][b] = true;
        }
    }

    private byte[] bytes = new byte[INITIAL];
    private int length;

    void reset() {
        if (bytes.length > RETAIN) {
            bytes = new byte[INITIAL];
        }
        length = 0;
    }

    int length() {
        return length;
    }

    /** The backing array; valid up to {@link #length()} until the next write. */
    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** The condition test of {@code ngx_http_log_handler}: an {@code if=} value that is empty or "0" is false. */
    boolean isEmptyOrZero() {
        return length == 0 || (length == 1 && bytes[0] == '0');
    }

    String toUtf8() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    void put(byte[] src) {
        ensure(src.length);
        System.arraycopy(src, 0, bytes, length, src.length);
        length += src.length;
    }

    void putAscii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    /** A decimal number, nginx's {@code %O} / {@code %ui}. */
    void putLong(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                putAscii(Long.toString(value));
                return;
            }
            put((byte) '-');
            value = -value;
        }
        int digits = digits(value);
        ensure(digits);
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
    }

    /** {@code %03ui}: at least three digits, as {@code $status} is written. */
    void putThreeDigits(long value) {
        if (value >= 0 && value < 100) {
            ensure(3);
            bytes[length++] = '0';
            bytes[length++] = (byte) ('0' + value / 10);
            bytes[length++] = (byte) ('0' + value % 10);
        } else {
            putLong(value);
        }
    }

    /** {@code "%T.%03M"} of a non-negative number of milliseconds: {@code 0.003}, {@code 1787317243.123}. */
    void putMillisAsSeconds(long millis) {
        putLong(millis / 1000);
        int rest = (int) (millis % 1000);
        ensure(4);
        bytes[length++] = '.';
        bytes[length++] = (byte) ('0' + rest / 100);
        bytes[length++] = (byte) ('0' + rest / 10 % 10);
        bytes[length++] = (byte) ('0' + rest % 10);
    }

    /** What a variable that is not found becomes: {@code -} with the default escape, nothing otherwise. */
    void putNotFound(Escape escape) {
        if (escape == Escape.DEFAULT) {
            put((byte) '-');
        }
    }

    /** A variable's value, escaped. */
    void putValue(CharSequence value, Escape escape) {
        int n = value.length();
        ensure(n);
        // Fast path: bytes the escape leaves alone are copied straight in; room was made above.
        boolean[] plain = PLAIN[escape.ordinal()];
        byte[] b = bytes;
        int at = length;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c >= 0x100 || !plain[c]) {
                break;
            }
            b[at++] = (byte) c;
            i++;
        }
        length = at;
        if (i < n) {
            putValueSlowly(value, i, escape);
        }
    }

    private void putValueSlowly(CharSequence value, int from, Escape escape) {
        int n = value.length();
        for (int i = from; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x100) {
                putByte(c, escape);
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                cp = Character.toCodePoint(c, value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                putByte('?', escape);
                continue;
            }
            if (cp < 0x800) {
                putByte(0xC0 | cp >> 6, escape);
            } else if (cp < 0x10000) {
                putByte(0xE0 | cp >> 12, escape);
                putByte(0x80 | (cp >> 6 & 0x3F), escape);
            } else {
                putByte(0xF0 | cp >> 18, escape);
                putByte(0x80 | (cp >> 12 & 0x3F), escape);
                putByte(0x80 | (cp >> 6 & 0x3F), escape);
            }
            putByte(0x80 | (cp & 0x3F), escape);
        }
    }

    /** A value held as bytes (a decoded user name), escaped. */
    void putValue(byte[] value, int offset, int count, Escape escape) {
        ensure(count);
        for (int i = offset; i < offset + count; i++) {
            putByte(value[i] & 0xFF, escape);
        }
    }

    private void putByte(int b, Escape escape) {
        switch (escape) {
            case NONE -> put((byte) b);
            case DEFAULT -> {
                // ngx_http_log_escape's table: controls, '"', '\', DEL and every byte from 0x80.
                if (b < 0x20 || b == '"' || b == '\\' || b >= 0x7F) {
                    ensure(4);
                    bytes[length++] = '\\';
                    bytes[length++] = 'x';
                    bytes[length++] = HEX[b >> 4];
                    bytes[length++] = HEX[b & 0xF];
                } else {
                    put((byte) b);
                }
            }
            case JSON -> putJson(b);
        }
    }

    /** ngx_escape_json: '"' and '\' get a backslash, controls a short escape or u00XX after one; 0x7F and up pass. */
    private void putJson(int b) {
        if (b > 0x1F) {
            if (b == '"' || b == '\\') {
                put((byte) '\\');
            }
            put((byte) b);
            return;
        }
        ensure(6);
        bytes[length++] = '\\';
        switch (b) {
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = (byte) ('0' + (b >> 4));
                bytes[length++] = HEX[b & 0xF];
            }
        }
    }

    private static int digits(long value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }
}
