package dev.ferry.accesslog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code buffer=}, {@code flush=} and {@code gzip} as {@code ngx_http_log_handler} and
 * {@code ngx_http_log_flush} apply them: written when the next line would not fit, when the
 * timer fires, on reopen and on close; gzip as one member per written buffer. The clock is
 * the test's; {@code sync()} lets the writer run its timers and waits for what they wrote.
 */
class BufferedLogTest {

    @TempDir
    Path dir;

    private Writers w;

    @AfterEach
    void closeWriter() {
        if (w != null) {
            w.channels.release();
            w.writer.close();
        }
    }

    /** Lines of exactly ten bytes with the newline. */
    private static String line(int n) {
        return String.format("line-%04d", n);
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(BufferedLogTest::line).toList();
    }

    @Test
    void aBufferIsWrittenWhenTheNextLineWouldNotFit() {
        w = new Writers();
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, new BufferSpec(20, 0, 0));
        w.record(logs, line(0));
        w.record(logs, line(1));
        w.sync();
        assertEquals(List.of(), Writers.lines(file), "two lines fill the buffer exactly");
        w.record(logs, line(2));
        w.sync();
        assertEquals(lines(0, 2), Writers.lines(file));
    }

    @Test
    void theFlushTimerStartsWithTheFirstLineOfAnEmptyBuffer() {
        w = new Writers();
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, new BufferSpec(64 * 1024, 5000, 0));
        w.record(logs, line(0));
        w.clock.advance(Duration.ofSeconds(3));
        w.record(logs, line(1));
        w.sync();
        assertEquals(List.of(), Writers.lines(file));
        w.clock.advance(Duration.ofMillis(1999));
        w.sync();
        assertEquals(List.of(), Writers.lines(file));
        w.clock.advance(Duration.ofMillis(1));
        w.sync();
        assertEquals(lines(0, 2), Writers.lines(file));

        w.record(logs, line(2));
        w.clock.advance(Duration.ofMillis(4999));
        w.sync();
        assertEquals(lines(0, 2), Writers.lines(file), "a new first line starts a new timer");
        w.clock.advance(Duration.ofMillis(1));
        w.sync();
        assertEquals(lines(0, 3), Writers.lines(file));
    }

    @Test
    void withoutFlushABufferWaitsUntilItIsFull() {
        w = new Writers();
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, new BufferSpec(64 * 1024, 0, 0));
        w.record(logs, line(0));
        w.clock.advance(Duration.ofHours(1));
        w.sync();
        assertEquals(List.of(), Writers.lines(file));
    }

    @Test
    void aLineLongerThanTheBufferIsWrittenAloneAfterWhatTheBufferHeld() {
        w = new Writers();
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, new BufferSpec(16, 0, 0));
        w.record(logs, "short");
        w.record(logs, "a line longer than sixteen bytes");
        w.sync();
        assertEquals(List.of("short", "a line longer than sixteen bytes"), Writers.lines(file));
        w.record(logs, "next");
        w.writer.close();
        assertEquals(List.of("short", "a line longer than sixteen bytes", "next"), Writers.lines(file));
    }

    @Test
    void eachThreadHasItsOwnBuffer() throws InterruptedException {
        w = new Writers();
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, new BufferSpec(30, 0, 0));
        w.record(logs, line(0));
        Thread other = Thread.ofPlatform().start(() -> {
            w.record(logs, line(100));
            w.record(logs, line(101));
            w.record(logs, line(102));
            w.record(logs, line(103));
        });
        other.join();
        w.sync();
        assertEquals(lines(100, 103), Writers.lines(file), "the other thread's full buffer, not this thread's line");
        w.writer.close();
        assertEquals(Set.of(line(0), line(100), line(101), line(102), line(103)), Set.copyOf(Writers.lines(file)));
    }

    @Test
    void reopenWritesTheBuffersToTheOldFileFirst() throws IOException {
        w = new Writers();
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        AccessLogs logs = Writers.to(file, new BufferSpec(64 * 1024, 0, 0));
        w.writer.open(Set.of(logs.logs().getFirst().file()));
        w.record(logs, line(0));
        w.record(logs, line(1));
        Files.move(file, rotated);
        w.reopen();
        w.record(logs, line(2));
        w.writer.close();
        assertEquals(lines(0, 2), Writers.lines(rotated));
        assertEquals(lines(2, 3), Writers.lines(file));
    }

    @Test
    void aFullBufferIsDroppedWholeWhenTheQueueIsFull() throws InterruptedException {
        w = new Writers(100);
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, new BufferSpec(50, 0, 0));
        w.channels.hang();
        for (int i = 0; i < 6; i++) {
            w.record(logs, line(i));
        }
        // lines 0-4 filled the buffer; line 5 handed them to the writer, which is now stuck on them
        assertTrue(w.channels.writeEntered.await(20, TimeUnit.SECONDS));
        for (int i = 6; i < 40; i++) {
            w.record(logs, line(i));
        }
        w.channels.release();
        w.writer.close();
        long dropped = w.writer.droppedLines();
        assertTrue(dropped > 0 && dropped % 5 == 0, "whole buffers of five lines dropped: " + dropped);
        List<String> written = Writers.lines(file);
        assertEquals(40 - dropped, written.size());
        assertEquals(lines(0, 5), written.subList(0, 5));
    }

    @Test
    void gzipWritesOneMemberPerBufferThatGunzipsToTheLines() throws IOException {
        w = new Writers();
        Path file = dir.resolve("access.log.gz");
        AccessLogs logs = Writers.to(file, new BufferSpec(100, 0, 1));
        for (int i = 0; i < 95; i++) {
            w.record(logs, line(i));
        }
        w.writer.close();
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(10, members(bytes), "nine full buffers and the rest at close");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertEquals(String.join("\n", lines(0, 95)) + "\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void gzipLevelsAllReadBack() throws IOException {
        w = new Writers();
        for (int level = 1; level <= 9; level++) {
            Path file = dir.resolve("level" + level + ".gz");
            AccessLogs logs = Writers.to(file, new BufferSpec(64 * 1024, 0, level));
            for (int i = 0; i < 50; i++) {
                w.record(logs, line(i));
            }
        }
        w.writer.close();
        for (int level = 1; level <= 9; level++) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("level" + level + ".gz")))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                assertEquals(String.join("\n", lines(0, 50)) + "\n", out.toString(StandardCharsets.US_ASCII), "level " + level);
            }
        }
    }

    /** Counts gzip members by walking them: each ends with CRC32 and ISIZE after its deflate stream. */
    private static int members(byte[] bytes) throws IOException {
        int count = 0;
        int at = 0;
        while (at < bytes.length) {
            assertEquals(0x1f, bytes[at] & 0xff);
            assertEquals(0x8b, bytes[at + 1] & 0xff);
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            inflater.setInput(bytes, at + 10, bytes.length - at - 10);
            byte[] sink = new byte[4096];
            try {
                while (!inflater.finished()) {
                    inflater.inflate(sink);
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new IOException(e);
            }
            at = at + 10 + (int) inflater.getBytesRead() + 8;
            inflater.end();
            count++;
        }
        return count;
    }
}
