package dev.ferry.accesslog;

/**
 * One formatting thread's buffer for one buffered file: nginx's per-worker
 * {@code ngx_http_log_buf_t}, with the rules of {@code ngx_http_log_handler}. A line that
 * does not fit sends the buffer to the writer first; a line longer than the whole buffer goes
 * alone. The owning thread and the writer thread (flush timer, reopen, close) meet only on
 * this object's lock, held for a copy, never for I/O.
 *
 * <p>Everything a thread hands over is queued while the lock is held, so a file receives one
 * thread's lines in the order the thread wrote them.
 */
final class ThreadBuffer {

    private final FileSink sink;
    private final LineBuffers owner;
    private final int capacity;
    private final LogQueue queue;
    private byte[] data;
    private int length;
    private int lines;
    private long firstLineNanos;
    private boolean closed;

    ThreadBuffer(FileSink sink, LineBuffers owner, int capacity, LogQueue queue) {
        this.sink = sink;
        this.owner = owner;
        this.capacity = capacity;
        this.queue = queue;
    }

    /** On the owning thread. */
    synchronized void append(byte[] line, int len, long nowNanos, DropCounter drops) {
        if (closed) {
            drops.add(1);
            return;
        }
        if (len > capacity - length && length > 0) {
            handOff();
        }
        if (len <= capacity - length) {
            if (data == null) {
                data = owner.freshArray();
            }
            if (length == 0) {
                // the flush timer starts with the first line of an empty buffer
                firstLineNanos = nowNanos;
            }
            System.arraycopy(line, 0, data, length, len);
            length += len;
            lines++;
            return;
        }
        byte[] alone = java.util.Arrays.copyOf(line, len);
        queue.offer(new Item.Chunk(sink, alone, len, 1, true));
    }

    private void handOff() {
        if (queue.offer(new Item.Chunk(sink, data, length, lines, true))) {
            // The array now belongs to the writer, which gives it back when written.
            data = null;
        }
        length = 0;
        lines = 0;
    }

    /**
     * On the writer thread: queues what the buffer holds behind everything already queued.
     *
     * @param close refuse (and count) every later line, for {@link AccessLogWriter#close()}
     */
    synchronized void take(boolean close) {
        if (close) {
            closed = true;
        }
        if (length == 0) {
            return;
        }
        queue.offerUnbounded(new Item.Chunk(sink, data, length, lines, false));
        data = null;
        length = 0;
        lines = 0;
    }

    /** On the writer thread: queues the contents if the oldest line has waited {@code flushNanos}. */
    synchronized void takeIfDue(long nowNanos, long flushNanos) {
        if (length > 0 && nowNanos - firstLineNanos >= flushNanos) {
            take(false);
        }
    }

    /** When the flush timer of this buffer fires, or {@link Long#MAX_VALUE} when it is empty. */
    synchronized long deadline(long flushNanos) {
        return length == 0 ? Long.MAX_VALUE : firstLineNanos + flushNanos;
    }
}
