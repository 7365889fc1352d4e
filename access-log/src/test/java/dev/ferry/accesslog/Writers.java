package dev.ferry.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** A writer on a fake clock with test channels, and small helpers around it. */
final class Writers {

    /** Each line is the value of $seq. */
    static final LogFormat SEQ = Lines.format("$seq");
    static final Duration DEADLINE = Duration.ofSeconds(20);

    final FakeClock clock = new FakeClock(Lines.NOW);
    final TestChannels channels = new TestChannels();
    final List<Long> reports = new CopyOnWriteArrayList<>();
    final AccessLogWriter writer;

    Writers() {
        this(AccessLogWriter.Settings.DEFAULT_QUEUE_BYTES);
    }

    Writers(long queueBytes) {
        writer = new AccessLogWriter(new AccessLogWriter.Settings(queueBytes, Lines.ZONE, Duration.ofSeconds(20)),
                clock, channels, reports::add, Duration.ofMillis(20));
    }

    static AccessLogs to(Path file, BufferSpec buffer) {
        return new AccessLogs(List.of(new AccessLog(new LogFile(file, buffer), null, SEQ, null, null)), null);
    }

    void record(AccessLogs logs, String seq) {
        writer.record(logs, new Facts().var("seq", seq));
    }

    void sync() {
        try {
            writer.sync().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the writer did not answer", e);
        }
    }

    void reopen() {
        try {
            writer.reopen().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the writer did not reopen", e);
        }
    }

    long reported() {
        return reports.stream().mapToLong(Long::longValue).sum();
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the condition holds, failing after the deadline. */
    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
