package dev.ferry.accesslog;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** The per-thread buffers of one buffered file, and the writer's view of all of them. */
final class LineBuffers {

    private final FileSink sink;
    private final BufferSpec spec;
    private final LogQueue queue;
    private final DropCounter drops;
    private final long flushNanos;
    private final List<ThreadBuffer> all = new CopyOnWriteArrayList<>();
    /** Written buffers come back here, so a busy log does not allocate a buffer each time one fills. */
    private final ArrayBlockingQueue<byte[]> spares = new ArrayBlockingQueue<>(8);
    private final ThreadLocal<ThreadBuffer> local = ThreadLocal.withInitial(this::register);
    private volatile boolean closed;

    LineBuffers(FileSink sink, BufferSpec spec, LogQueue queue, DropCounter drops) {
        this.sink = sink;
        this.spec = spec;
        this.queue = queue;
        this.drops = drops;
        this.flushNanos = spec.flushMillis() * 1_000_000;
    }

    private ThreadBuffer register() {
        ThreadBuffer buffer = new ThreadBuffer(sink, this, spec.size(), queue);
        all.add(buffer);
        // A thread that starts writing while the writer closes: see takeAll for why this suffices.
        if (closed) {
            buffer.take(true);
        }
        return buffer;
    }

    /** An empty buffer array, reused when one is spare. */
    byte[] freshArray() {
        byte[] array = spares.poll();
        return array != null ? array : new byte[spec.size()];
    }

    /** On the writer thread: a buffer array that has been written can be used again. */
    void recycle(byte[] array) {
        if (array.length == spec.size()) {
            spares.offer(array);
        }
    }

    /** On a formatting thread. */
    void append(LineBuilder line, long nowNanos) {
        local.get().append(line.array(), line.length(), nowNanos, drops);
    }

    /** On the writer thread: queue every buffer's lines (for reopen, close, or a retired file). */
    void takeAll(boolean close) {
        if (close) {
            // Written before the list is read; register() adds before it reads the flag, so every
            // buffer is closed by one side or the other.
            closed = true;
        }
        for (ThreadBuffer buffer : all) {
            buffer.take(close);
        }
    }

    /** On the writer thread: the flush= timer. */
    void takeDue(long nowNanos) {
        if (!spec.flushes()) {
            return;
        }
        for (ThreadBuffer buffer : all) {
            buffer.takeIfDue(nowNanos, flushNanos);
        }
    }

    /** The earliest flush= deadline, or {@link Long#MAX_VALUE}. */
    long nextDeadline() {
        if (!spec.flushes()) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        for (ThreadBuffer buffer : all) {
            next = Math.min(next, buffer.deadline(flushNanos));
        }
        return next;
    }
}
