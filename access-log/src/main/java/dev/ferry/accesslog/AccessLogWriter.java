package dev.ferry.accesslog;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.OsErrors;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Writes access log lines without ever making the caller wait for a disk. One per process,
 * kept across reloads.
 *
 * <p>{@link #record} formats a request's lines on the calling thread (the event loop) into a
 * reused buffer; file I/O happens on one writer thread fed by a queue bounded in bytes. A
 * buffered file ({@code buffer=}) collects lines in a buffer per calling thread, handed to
 * the writer when the next line would not fit, when {@code flush=} expires, on
 * {@link #reopen()} and on {@link #close()}. When the disk is slower than the traffic and the
 * queue is full, lines are dropped, counted ({@link #droppedLines()}) and reported in the
 * error log at most once a second.
 */
public final class AccessLogWriter implements AutoCloseable {

    /**
     * Tunables that are not nginx directives.
     *
     * @param queueBytes   the most bytes of lines waiting for the writer thread
     * @param zone         the zone of {@code $time_local} and {@code $time_iso8601}
     * @param closeTimeout how long {@link #close()} waits for the writer to write what is queued
     */
    public record Settings(long queueBytes, ZoneId zone, Duration closeTimeout) {

        public static final long DEFAULT_QUEUE_BYTES = 16L * 1024 * 1024;

        public Settings {
            if (queueBytes <= 0) {
                throw new IllegalArgumentException("queueBytes must be positive: " + queueBytes);
            }
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_QUEUE_BYTES, ZoneId.systemDefault(), Duration.ofSeconds(10));
        }
    }

    private final LogClock clock;
    private final LogTime time;
    private final LogChannels channels;
    private final DropCounter drops = new DropCounter();
    private final LogQueue queue;
    private final ConcurrentHashMap<LogFile, FileSink> sinks = new ConcurrentHashMap<>();
    private final Thread writerThread;
    private final DropReporter reporter;
    private final Thread reporterThread;
    private final Duration closeTimeout;
    private final AtomicBoolean closing = new AtomicBoolean();

    AccessLogWriter(Settings settings, LogClock clock, LogChannels channels, LongConsumer report,
            Duration reportInterval) {
        this.clock = clock;
        this.time = new LogTime(settings.zone());
        this.channels = channels;
        this.queue = new LogQueue(settings.queueBytes(), drops);
        this.closeTimeout = settings.closeTimeout();
        WriterLoop loop = new WriterLoop(queue, sinks.values(), new PerRequestFiles(channels, clock), clock);
        this.writerThread = Thread.ofPlatform().name("ferry-access-log").daemon().start(loop);
        this.reporter = new DropReporter(drops, report, reportInterval.toNanos());
        this.reporterThread = Thread.ofPlatform().name("ferry-access-log-drops").daemon().start(reporter);
    }

    /** Starts the writer with {@link Settings#defaults()}. */
    public static AccessLogWriter start() {
        return start(Settings.defaults());
    }

    public static AccessLogWriter start(Settings settings) {
        return new AccessLogWriter(settings, LogClock.SYSTEM, LogChannels.FILES, DropReporter.TO_ERROR_LOG,
                Duration.ofSeconds(1));
    }

    /**
     * Opens the files of a configuration being loaded, as nginx opens them at load, so that a
     * file that cannot be opened fails the load; call it off the event loop. Files already open
     * stay open; files the new configuration no longer names are closed once idle.
     *
     * @param files every file of the configuration ({@code AccessLogBinder.files()})
     * @throws ConfigException {@code open() "/abs/logs/access.log" failed (13: Permission denied)}
     */
    public void open(Collection<LogFile> files) {
        List<FileSink> opened = new ArrayList<>();
        for (LogFile file : files) {
            if (sinks.containsKey(file)) {
                continue;
            }
            WritableByteChannel channel;
            try {
                channel = channels.open(file.path());
            } catch (IOException e) {
                for (FileSink sink : opened) {
                    sink.closeChannel();
                }
                throw new ConfigException("open() \"" + file.path() + "\" failed (" + OsErrors.describe(e) + ")", null);
            }
            opened.add(new FileSink(file, channel, queue, drops, channels));
        }
        for (FileSink sink : opened) {
            if (sinks.putIfAbsent(sink.file(), sink) != null) {
                sink.closeChannel();
            }
        }
        Set<LogFile> current = Set.copyOf(files);
        for (FileSink sink : sinks.values()) {
            sink.current(current.contains(sink.file()));
        }
    }

    /**
     * Writes the request's lines to every log of {@code logs} whose {@code if=} holds. Never
     * blocks on I/O: formatting happens here, writing on the writer thread.
     */
    public void record(AccessLogs logs, RequestFacts facts) {
        List<AccessLog> list = logs.logs();
        int n = list.size();
        if (n == 0) {
            return;
        }
        if (queue.isClosed()) {
            drops.add(n);
            return;
        }
        RenderState state = RenderState.begin(facts, clock.millis(), clock.nanos(), time);
        try {
            for (int i = 0; i < n; i++) {
                AccessLog log = list.get(i);
                if (log.condition() != null && !log.condition().holds(state)) {
                    continue;
                }
                LineBuilder line = state.line;
                line.reset();
                log.format().render(line, state);
                line.put((byte) '\n');
                if (log.file() != null) {
                    sink(log.file()).append(line, state.nowNanos());
                } else {
                    byte[] bytes = line.toByteArray();
                    queue.offer(new Item.PathLine(log.pathTemplate().evaluate(state), logs.openFileCache(), bytes));
                }
            }
        } finally {
            state.end();
        }
    }

    private FileSink sink(LogFile file) {
        FileSink sink = sinks.get(file);
        if (sink == null) {
            // A file open() was not told about: the writer opens it at its first line.
            sink = sinks.computeIfAbsent(file, f -> new FileSink(f, null, queue, drops, channels));
        }
        return sink;
    }

    /**
     * Reopens every file (USR1, {@code ferry -s reopen}): the buffers are written to the old
     * files first, then each name is opened anew. Lines recorded before this call end up in
     * the old files, lines recorded after it completes in the new ones; none is lost or split.
     *
     * @return completes when the files have been reopened
     */
    public CompletableFuture<Void> reopen() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (queue.isClosed()) {
            done.complete(null);
            return done;
        }
        queue.offerUnbounded(new Item.Control(Item.Control.Kind.REOPEN, done));
        return done;
    }

    /** Lines dropped so far because the writer was behind, or closed. */
    public long droppedLines() {
        return drops.total();
    }

    /**
     * Writes every buffered and queued line, closes the files and stops the threads; waits at
     * most the configured close timeout. Lines recorded afterwards are counted as dropped.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        queue.offerUnbounded(new Item.Control(Item.Control.Kind.CLOSE, new CompletableFuture<>()));
        try {
            if (!writerThread.join(closeTimeout)) {
                ErrorLog.LOG.error("the access log writer did not finish within {}; {} bytes were still queued",
                        closeTimeout, queue.queuedBytes());
            }
            reporter.stop(reporterThread);
            reporterThread.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reporter.reportNow();
    }

    /** Runs the writer's timers and completes once what they queued is written (tests). */
    CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.offerUnbounded(new Item.Control(Item.Control.Kind.SYNC, done));
        return done;
    }
}
