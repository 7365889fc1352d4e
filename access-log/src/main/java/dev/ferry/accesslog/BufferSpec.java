package dev.ferry.accesslog;

/**
 * How a file's lines are buffered: {@code buffer=SIZE}, {@code flush=TIME} and
 * {@code gzip[=LEVEL]} of {@code access_log}. nginx keeps one buffer per file and worker;
 * Ferry keeps one per file and formatting thread (event loop).
 *
 * @param size        bytes collected before they are written; {@code gzip} alone means 64k
 * @param flushMillis the longest a line waits in the buffer; 0 when there is no {@code flush=}
 * @param gzipLevel   1-9 when each written buffer is a gzip member; 0 without gzip
 */
public record BufferSpec(int size, long flushMillis, int gzipLevel) {

    /** The size {@code gzip} implies when no {@code buffer=} is given. */
    public static final int GZIP_DEFAULT_SIZE = 64 * 1024;

    public BufferSpec {
        if (size <= 0) {
            throw new IllegalArgumentException("a buffer has a positive size: " + size);
        }
        if (flushMillis < 0) {
            throw new IllegalArgumentException("flush must be >= 0: " + flushMillis);
        }
        if (gzipLevel < 0 || gzipLevel > 9) {
            throw new IllegalArgumentException("gzip level is 0 (off) or 1-9: " + gzipLevel);
        }
    }

    public boolean flushes() {
        return flushMillis > 0;
    }

    public boolean gzip() {
        return gzipLevel > 0;
    }
}
