package dev.ferry.accesslog;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one queue between the formatting threads and the writer thread, bounded by the bytes
 * it holds: an offer that would pass the bound is refused at once, so a producer never waits.
 * Instructions and buffers the writer takes itself are outside the bound.
 */
final class LogQueue {

    private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long boundBytes;
    private final DropCounter drops;
    private volatile boolean closed;
    private volatile boolean writerDone;

    LogQueue(long boundBytes, DropCounter drops) {
        if (boundBytes <= 0) {
            throw new IllegalArgumentException("the queue bound must be positive: " + boundBytes);
        }
        this.boundBytes = boundBytes;
        this.drops = drops;
    }

    /**
     * Queues a producer's item, or counts its lines as dropped when the bound is reached or
     * the writer is closed. An item larger than the bound still passes an empty queue, so a
     * buffer bigger than the bound is not always lost.
     *
     * @return whether the item was queued
     */
    boolean offer(Item item) {
        int bytes = item.budgetBytes();
        if (closed || !reserve(bytes)) {
            drops.add(item.lines());
            return false;
        }
        items.add(item);
        // The writer may have finished between the check and the add: take the item back.
        if (writerDone && items.remove(item)) {
            release(bytes);
            drops.add(item.lines());
            return false;
        }
        return true;
    }

    /** Queues an item outside the bound (instructions; buffers the writer took). */
    void offerUnbounded(Item item) {
        items.add(item);
    }

    private boolean reserve(int bytes) {
        while (true) {
            long current = queuedBytes.get();
            if (current != 0 && current + bytes > boundBytes) {
                return false;
            }
            if (queuedBytes.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(int bytes) {
        if (bytes != 0) {
            queuedBytes.addAndGet(-bytes);
        }
    }

    Item poll(long timeoutNanos) throws InterruptedException {
        return items.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    Item poll() {
        return items.poll();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    /** From now on producers' items are dropped and counted. */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** The writer has written its last item; see {@link #offer}. */
    void writerDone() {
        writerDone = true;
    }
}
