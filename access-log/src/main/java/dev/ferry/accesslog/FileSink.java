package dev.ferry.accesslog;

import dev.ferry.conf.OsErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * One log file with a fixed name. Formatting threads hand it lines ({@link #append}), which
 * go to the queue one by one or through {@link LineBuffers} when the file is buffered; the
 * writer thread alone opens, writes, reopens and closes the file.
 */
final class FileSink {

    /** nginx reports a failing log at most once a minute ({@code error_log_time}). */
    private static final long ERROR_INTERVAL_NANOS = 60_000_000_000L;

    private final LogFile file;
    private final LogQueue queue;
    private final LogChannels channels;
    private final LineBuffers buffers;
    /** Writer thread only, once published (opened by {@link AccessLogWriter#open} before the sink is shared). */
    private WritableByteChannel channel;
    private long lastUseNanos;
    private long lastErrorNanos;
    private boolean errorReported;
    /** Whether the newest configuration still names this file; a retired file is closed when idle. */
    private volatile boolean current = true;

    FileSink(LogFile file, WritableByteChannel channel, LogQueue queue, DropCounter drops, LogChannels channels) {
        this.file = file;
        this.channel = channel;
        this.queue = queue;
        this.channels = channels;
        this.buffers = file.buffered() ? new LineBuffers(this, file.buffer(), queue, drops) : null;
    }

    LogFile file() {
        return file;
    }

    LineBuffers buffers() {
        return buffers;
    }

    void current(boolean current) {
        this.current = current;
    }

    boolean current() {
        return current;
    }

    /** On a formatting thread: a complete line, newline included. */
    void append(LineBuilder line, long nowNanos) {
        if (buffers != null) {
            buffers.append(line, nowNanos);
        } else {
            queue.offer(new Item.Line(this, line.toByteArray()));
        }
    }

    /** On the writer thread: lines, compressed into one gzip member when the file is gzipped. */
    void write(byte[] data, int length, GzipMember gzip, long nowNanos) {
        lastUseNanos = nowNanos;
        if (length == 0) {
            return;
        }
        if (file.buffered() && file.buffer().gzip()) {
            length = gzip.compress(data, length, file.buffer().gzipLevel());
            data = gzip.output();
        }
        WritableByteChannel out = channel(nowNanos);
        if (out == null) {
            return;
        }
        try {
            writeFully(out, ByteBuffer.wrap(data, 0, length));
        } catch (IOException e) {
            // ngx_http_log_write: the lines are lost, and said so at most once a minute.
            if (mayReport(nowNanos)) {
                ErrorLog.LOG.error(ErrorLog.ALERT, "write() to \"{}\" failed ({})", file.path(), OsErrors.describe(e));
            }
        }
    }

    private WritableByteChannel channel(long nowNanos) {
        if (channel == null) {
            try {
                channel = channels.open(file.path());
            } catch (IOException e) {
                if (mayReport(nowNanos)) {
                    ErrorLog.LOG.error(ErrorLog.ALERT, "open() \"{}\" failed ({})", file.path(), OsErrors.describe(e));
                }
            }
        }
        return channel;
    }

    private boolean mayReport(long nowNanos) {
        if (errorReported && nowNanos - lastErrorNanos < ERROR_INTERVAL_NANOS) {
            return false;
        }
        errorReported = true;
        lastErrorNanos = nowNanos;
        return true;
    }

    /**
     * On the writer thread, for USR1: the new file is opened before the old one is closed, and
     * when the open fails the old one is kept, as {@code ngx_reopen_files} does.
     */
    void reopen() {
        if (channel == null) {
            return;
        }
        WritableByteChannel fresh;
        try {
            fresh = channels.open(file.path());
        } catch (IOException e) {
            ErrorLog.LOG.error(ErrorLog.EMERG, "open() \"{}\" failed ({})", file.path(), OsErrors.describe(e));
            return;
        }
        closeQuietly(channel);
        channel = fresh;
    }

    /** On the writer thread: close a file the configuration no longer names once it has been idle. */
    void closeIfRetiredAndIdle(long nowNanos, long idleNanos) {
        if (!current && channel != null && nowNanos - lastUseNanos >= idleNanos) {
            closeChannel();
        }
    }

    void closeChannel() {
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
    }

    static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    static void closeQuietly(WritableByteChannel out) {
        try {
            out.close();
        } catch (IOException e) {
            ErrorLog.LOG.error(ErrorLog.ALERT, "close() of an access log failed ({})", OsErrors.describe(e));
        }
    }

    @Override
    public String toString() {
        return file.path().toString();
    }
}
