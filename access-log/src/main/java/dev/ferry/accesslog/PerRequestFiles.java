package dev.ferry.accesslog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.ferry.conf.OsErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The files of {@code access_log} paths with variables, on the writer thread
 * ({@code ngx_http_log_script_write}). With an {@code open_log_file_cache} a file stays open
 * in a Caffeine cache bounded by {@code max}, closed when {@code inactive} passes without a
 * write, and reopened once {@code valid} has passed; an evicted file is closed. Without one a
 * file is opened for the lines of one batch and closed after it (nginx opens it per line).
 *
 * <p>The caches run their maintenance and removal notices through a queue drained at the end
 * of each batch, so no file is closed between being looked up and written.
 */
final class PerRequestFiles {

    private final LogChannels channels;
    private final LogClock clock;
    private final Map<OpenFileCache, Cache<Path, WritableByteChannel>> caches = new HashMap<>();
    private final Map<Path, WritableByteChannel> batchFiles = new HashMap<>();
    private final ArrayDeque<Runnable> maintenance = new ArrayDeque<>();

    PerRequestFiles(LogChannels channels, LogClock clock) {
        this.channels = channels;
        this.clock = clock;
    }

    void write(String name, OpenFileCache cacheSpec, byte[] line) {
        Path path;
        WritableByteChannel out;
        try {
            path = Path.of(name);
            if (cacheSpec == null) {
                out = batchFiles.get(path);
                if (out == null) {
                    out = channels.open(path);
                    batchFiles.put(path, out);
                }
            } else {
                out = cache(cacheSpec).get(path, this::open);
            }
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            // nginx logs every failed open at crit and carries on as if the line were written.
            String reason = e instanceof IOException io ? OsErrors.describe(io)
                    : e instanceof UncheckedIOException u ? OsErrors.describe(u.getCause()) : e.getMessage();
            ErrorLog.LOG.error(ErrorLog.CRIT, "open() \"{}\" failed ({})", name, reason);
            return;
        }
        try {
            FileSink.writeFully(out, ByteBuffer.wrap(line));
        } catch (IOException e) {
            ErrorLog.LOG.error(ErrorLog.ALERT, "write() to \"{}\" failed ({})", name, OsErrors.describe(e));
        }
    }

    private WritableByteChannel open(Path path) {
        try {
            return channels.open(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Cache<Path, WritableByteChannel> cache(OpenFileCache spec) {
        return caches.computeIfAbsent(spec, s -> Caffeine.newBuilder()
                .maximumSize(s.max())
                .expireAfterAccess(s.inactive())
                .expireAfterWrite(s.valid())
                .ticker(clock::nanos)
                .executor(maintenance::add)
                .removalListener((Path p, WritableByteChannel c, RemovalCause cause) -> {
                    if (c != null) {
                        FileSink.closeQuietly(c);
                    }
                })
                .build());
    }

    /** After a batch: close the batch's uncached files, run the caches' expiry and evictions. */
    void endBatch() {
        for (WritableByteChannel out : batchFiles.values()) {
            FileSink.closeQuietly(out);
        }
        batchFiles.clear();
        for (Cache<Path, WritableByteChannel> cache : caches.values()) {
            cache.cleanUp();
        }
        Runnable task;
        while ((task = maintenance.poll()) != null) {
            task.run();
        }
    }

    /** USR1: every cached file is closed, so the next line opens the file now under the name. */
    void reopen() {
        for (Cache<Path, WritableByteChannel> cache : caches.values()) {
            cache.invalidateAll();
        }
        endBatch();
    }

    void close() {
        reopen();
        caches.clear();
    }
}
