package dev.ferry.server.http.strict;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first bytes of a part of the request (method, target, the current header line, a
 * value), kept as the scanner passes them for the messages nginx logs. The scanner feeds
 * every byte of every head through here, so it is a bare byte array: a StringBuilder's
 * per-append checks were a visible share of a small request. Bytes are Latin-1 characters.
 */
final class KeptBytes implements CharSequence {

    /** An idle keep-alive connection keeps these: past this, a reset gives back the space. */
    private static final int TRIM_ABOVE = 256;

    private final int initial;
    private final int limit;
    private byte[] bytes;
    private int length;

    /**
     * @param initial the starting capacity
     * @param limit   how many bytes are kept at most; more are dropped
     */
    KeptBytes(int initial, int limit) {
        this.initial = initial;
        this.limit = limit;
        this.bytes = new byte[initial];
    }

    /** Keeps {@code c} unless the limit is reached; false when it was dropped. */
    boolean add(int c) {
        if (length >= limit) {
            return false;
        }
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(1, length * 2)));
        }
        bytes[length++] = (byte) c;
        return true;
    }

    void clear() {
        length = 0;
    }

    /** Empties it, and shrinks it back if one long request made it big. */
    void reset() {
        length = 0;
        if (bytes.length > TRIM_ABOVE) {
            bytes = new byte[initial];
        }
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return substring(start, end);
    }

    String substring(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException(start + ".." + end + " of " + length);
        }
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Whether it holds exactly {@code s} (ASCII). */
    boolean contentEquals(String s) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[i] & 0xff) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return substring(0, length);
    }
}
