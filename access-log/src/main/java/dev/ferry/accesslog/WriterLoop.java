package dev.ferry.accesslog;

import java.util.Collection;

/**
 * The writer thread: takes items from the queue in order and does all file I/O, so a slow or
 * full disk delays only this thread. Between batches it runs the timers: {@code flush=},
 * the lines of retired files, closing idle retired files, the open-file caches' expiry.
 *
 * <p>Consecutive lines of one unbuffered file are gathered into one write, so a writer that
 * has fallen behind catches up with large writes instead of one per line.
 */
final class WriterLoop implements Runnable {

    /** Items between two runs of the timers, so timers still run under constant load. */
    private static final int BATCH = 1024;
    /** The longest the thread sleeps when no timer is due: idle files and caches are looked at this often. */
    private static final long TICK_NANOS = 1_000_000_000L;
    private static final long RETIRED_IDLE_NANOS = 60_000_000_000L;
    private static final int STAGING = 64 * 1024;

    private final LogQueue queue;
    private final Collection<FileSink> sinks;
    private final PerRequestFiles perRequest;
    private final LogClock clock;
    private final GzipMember gzip = new GzipMember();
    private final byte[] staging = new byte[STAGING];
    private int staged;
    private FileSink stagedSink;

    /**
     * @param sinks a live view of every file sink; sinks are added while the loop runs
     */
    WriterLoop(LogQueue queue, Collection<FileSink> sinks, PerRequestFiles perRequest, LogClock clock) {
        this.queue = queue;
        this.sinks = sinks;
        this.perRequest = perRequest;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Item item = queue.poll(waitNanos(clock.nanos()));
                int n = 0;
                while (item != null) {
                    if (handle(item)) {
                        return;
                    }
                    if (++n == BATCH) {
                        break;
                    }
                    item = queue.poll();
                }
                endBatch();
                timers(clock.nanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.close();
            finish();
        } catch (RuntimeException | Error e) {
            // From here on every line is counted as dropped rather than queued for nobody.
            queue.close();
            ErrorLog.LOG.error(ErrorLog.ALERT, "access log writer stopped", e);
        } finally {
            gzip.end();
        }
    }

    /** @return true when the writer is finished */
    private boolean handle(Item item) {
        switch (item) {
            case Item.Line line -> stage(line.sink(), line.bytes());
            case Item.Chunk chunk -> {
                flushStaging();
                chunk.sink().write(chunk.data(), chunk.length(), gzip, clock.nanos());
                if (chunk.sink().buffers() != null) {
                    chunk.sink().buffers().recycle(chunk.data());
                }
            }
            case Item.PathLine line -> {
                flushStaging();
                perRequest.write(line.path(), line.cache(), line.bytes());
            }
            case Item.Control control -> {
                return control(control);
            }
        }
        queue.release(item.budgetBytes());
        return false;
    }

    private boolean control(Item.Control control) {
        flushStaging();
        switch (control.kind()) {
            case REOPEN -> {
                // ngx_reopen_files flushes the buffers into the old files first.
                for (FileSink sink : sinks) {
                    if (sink.buffers() != null) {
                        sink.buffers().takeAll(false);
                    }
                }
                queue.offerUnbounded(new Item.Control(Item.Control.Kind.REOPEN_NOW, control.done()));
            }
            case REOPEN_NOW -> {
                perRequest.endBatch();
                for (FileSink sink : sinks) {
                    sink.reopen();
                }
                perRequest.reopen();
                control.done().complete(null);
            }
            case CLOSE -> {
                for (FileSink sink : sinks) {
                    if (sink.buffers() != null) {
                        sink.buffers().takeAll(true);
                    }
                }
                queue.offerUnbounded(new Item.Control(Item.Control.Kind.CLOSE_NOW, control.done()));
            }
            case CLOSE_NOW -> {
                finish();
                control.done().complete(null);
                return true;
            }
            case SYNC -> {
                timers(clock.nanos());
                queue.offerUnbounded(new Item.Control(Item.Control.Kind.SYNC_DONE, control.done()));
            }
            case SYNC_DONE -> {
                endBatch();
                control.done().complete(null);
            }
        }
        return false;
    }

    /** Writes what producers still managed to queue, then closes every file. */
    private void finish() {
        queue.writerDone();
        Item item;
        while ((item = queue.poll()) != null) {
            if (item instanceof Item.Control control) {
                control.done().complete(null);
            } else {
                handle(item);
            }
        }
        endBatch();
        for (FileSink sink : sinks) {
            sink.closeChannel();
        }
        perRequest.close();
    }

    private void stage(FileSink sink, byte[] line) {
        if (sink != stagedSink || staged + line.length > staging.length) {
            flushStaging();
        }
        if (line.length > staging.length) {
            sink.write(line, line.length, gzip, clock.nanos());
            return;
        }
        System.arraycopy(line, 0, staging, staged, line.length);
        staged += line.length;
        stagedSink = sink;
    }

    private void flushStaging() {
        if (staged > 0) {
            stagedSink.write(staging, staged, gzip, clock.nanos());
        }
        staged = 0;
        stagedSink = null;
    }

    private void endBatch() {
        flushStaging();
        perRequest.endBatch();
    }

    private void timers(long nowNanos) {
        for (FileSink sink : sinks) {
            LineBuffers buffers = sink.buffers();
            if (buffers != null) {
                if (sink.current()) {
                    buffers.takeDue(nowNanos);
                } else {
                    // nginx's old workers flush at exit; a file the configuration dropped is flushed now.
                    buffers.takeAll(false);
                }
            }
            sink.closeIfRetiredAndIdle(nowNanos, RETIRED_IDLE_NANOS);
        }
        perRequest.endBatch();
    }

    private long waitNanos(long nowNanos) {
        long next = Long.MAX_VALUE;
        for (FileSink sink : sinks) {
            if (sink.buffers() != null) {
                next = Math.min(next, sink.buffers().nextDeadline());
            }
        }
        return next == Long.MAX_VALUE ? TICK_NANOS : Math.min(TICK_NANOS, next - nowNanos);
    }
}
