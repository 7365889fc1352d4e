package dev.ferry.accesslog;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses one buffer into one complete gzip member, as {@code ngx_http_log_gzip} does for
 * each buffer it writes, so the file is a series of members that {@code zcat} reads as one.
 * Used by the writer thread only; the deflaters and the output array are reused.
 */
final class GzipMember {

    private final Deflater[] deflaters = new Deflater[10];
    private final CRC32 crc = new CRC32();
    private byte[] out = new byte[64 * 1024];

    /** The member for {@code data[0, length)}, valid in {@link #output()} up to the returned length. */
    int compress(byte[] data, int length, int level) {
        Deflater deflater = deflaters[level];
        if (deflater == null) {
            deflater = new Deflater(level, true);
            deflaters[level] = deflater;
        }
        deflater.reset();
        deflater.setInput(data, 0, length);
        deflater.finish();
        crc.reset();
        crc.update(data, 0, length);
        ensure(10 + length + (length >> 3) + 64);
        int n = 0;
        // The header zlib writes: no name, no time, the extra flags for fastest/best, OS unix.
        out[n++] = 0x1f;
        out[n++] = (byte) 0x8b;
        out[n++] = 8;
        out[n++] = 0;
        out[n++] = 0;
        out[n++] = 0;
        out[n++] = 0;
        out[n++] = 0;
        out[n++] = (byte) (level == 9 ? 2 : level == 1 ? 4 : 0);
        out[n++] = 3;
        while (!deflater.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        ensure(n + 8);
        n = putIntLe(out, n, (int) crc.getValue());
        n = putIntLe(out, n, length);
        return n;
    }

    byte[] output() {
        return out;
    }

    private void ensure(int size) {
        if (out.length < size) {
            out = Arrays.copyOf(out, size);
        }
    }

    private static int putIntLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
        return at + 4;
    }

    void end() {
        for (Deflater d : deflaters) {
            if (d != null) {
                d.end();
            }
        }
    }
}
