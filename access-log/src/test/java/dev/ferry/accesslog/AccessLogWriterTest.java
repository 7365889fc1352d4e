package dev.ferry.accesslog;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.SourcePosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer with unbuffered files: order, a slow disk, reopen, close. */
class AccessLogWriterTest {

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

    private static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void linesArriveInTheOrderTheyWereRecorded() {
        w = new Writers();
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, null);
        for (int i = 0; i < 10_000; i++) {
            w.record(logs, Integer.toString(i));
        }
        w.writer.close();
        assertEquals(numbers(0, 10_000), Writers.lines(file));
        assertEquals(0, w.writer.droppedLines());
    }

    @Test
    void eachThreadsLinesKeepTheirOrder() throws InterruptedException {
        w = new Writers();
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, null);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    w.record(logs, id + "-" + i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        w.writer.close();
        List<String> lines = Writers.lines(file);
        assertEquals(20_000, lines.size());
        for (int t = 0; t < 4; t++) {
            String prefix = t + "-";
            assertEquals(numbers(0, 5_000).stream().map(n -> prefix + n).toList(),
                    lines.stream().filter(l -> l.startsWith(prefix)).toList(), "thread " + t);
        }
    }

    @Test
    void aRequestIsWrittenToEveryLogOfItsLevelWhoseConditionHolds() {
        w = new Writers();
        Path all = dir.resolve("all.log");
        Path errors = dir.resolve("errors.log");
        Template onlyErrors = Template.compile("$is_error", SourcePosition.COMMAND_LINE);
        AccessLogs logs = new AccessLogs(List.of(
                new AccessLog(new LogFile(all, null), null, Writers.SEQ, null, null),
                new AccessLog(new LogFile(errors, null), null, Writers.SEQ, onlyErrors, null)), null);
        w.writer.record(logs, new Facts().var("seq", "ok").var("is_error", "0"));
        w.writer.record(logs, new Facts().var("seq", "failed").var("is_error", "1"));
        w.writer.record(logs, new Facts().var("seq", "unknown"));
        w.writer.close();
        assertEquals(List.of("ok", "failed", "unknown"), Writers.lines(all));
        assertEquals(List.of("failed"), Writers.lines(errors));
    }

    @Test
    void logsOffWritesNothing() {
        w = new Writers();
        w.writer.record(AccessLogs.OFF, new Facts());
        w.writer.close();
        assertEquals(0, w.channels.opened.get());
        assertEquals(0, w.writer.droppedLines());
    }

    @Test
    void aSlowDiskDropsAndCountsLinesInsteadOfMakingTheCallerWait() throws InterruptedException {
        w = new Writers(600);
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, null);
        w.channels.hang();
        w.record(logs, "00000");
        assertTrue(w.channels.writeEntered.await(20, TimeUnit.SECONDS), "the writer is stuck in write()");

        // Every line is six bytes; the stuck line is the writer's own now, so 100 more fit the bound.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 1; i < 1000; i++) {
                w.record(logs, String.format("%05d", i));
            }
        }, "record() never waits for the disk");
        assertEquals(899, w.writer.droppedLines());
        Writers.await("the drops are reported", () -> w.reported() == 899);

        w.channels.release();
        w.writer.close();
        assertEquals(IntStream.range(0, 101).mapToObj(i -> String.format("%05d", i)).toList(), Writers.lines(file));
    }

    @Test
    void dropsAreReportedAgainOnlyWhenThereAreNewOnes() {
        w = new Writers(6);
        Path file = dir.resolve("access.log");
        AccessLogs logs = Writers.to(file, null);
        w.channels.hang();
        w.record(logs, "00000");
        Writers.await("the writer is stuck", () -> w.channels.writeEntered.getCount() == 0);
        w.record(logs, "00001");
        w.record(logs, "00002");
        Writers.await("the first drops are reported", () -> w.reported() == 1);
        w.record(logs, "00003");
        Writers.await("the later drops are reported", () -> w.reported() == 2);
        assertEquals(List.of(1L, 1L), w.reports);
    }

    @Test
    void reopenSendsLaterLinesToANewFileAndEarlierOnesToTheRenamedOne() throws Exception {
        w = new Writers();
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        AccessLogs logs = Writers.to(file, null);
        w.writer.open(Set.of(logs.logs().getFirst().file()));
        for (int i = 0; i < 100; i++) {
            w.record(logs, Integer.toString(i));
        }
        Files.move(file, rotated);
        w.reopen();
        for (int i = 100; i < 200; i++) {
            w.record(logs, Integer.toString(i));
        }
        w.writer.close();
        assertEquals(numbers(0, 100), Writers.lines(rotated));
        assertEquals(numbers(100, 200), Writers.lines(file));
    }

    @Test
    void reopenUnderLoadLosesAndSplitsNoLine() throws Exception {
        reopenUnderLoad(null);
    }

    @Test
    void reopenUnderLoadLosesAndSplitsNoBufferedLine() throws Exception {
        reopenUnderLoad(new BufferSpec(4096, 1000, 0));
    }

    private void reopenUnderLoad(BufferSpec buffer) throws Exception {
        w = new Writers();
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        AccessLogs logs = Writers.to(file, buffer);
        w.writer.open(Set.of(logs.logs().getFirst().file()));
        int threads = 4;
        int perThread = 20_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    w.record(logs, "thread-" + id + "-line-" + i + "-" + "x".repeat(i % 50));
                }
            }));
        }
        Writers.await("lines reach the file", () -> {
            try {
                return Files.size(file) > 0;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        Files.move(file, rotated);
        w.reopen();
        for (Thread t : writers) {
            t.join();
        }
        w.record(logs, "after");
        w.writer.close();

        assertEquals(0, w.writer.droppedLines());
        List<String> all = new ArrayList<>(Writers.lines(rotated));
        List<String> fresh = Writers.lines(file);
        assertTrue(fresh.contains("after"), "a line recorded after the reopen is in the new file");
        all.addAll(fresh);
        assertEquals(threads * perThread + 1, all.size());
        assertEquals(threads * perThread + 1, Set.copyOf(all).size(), "no line twice");
        for (String line : all) {
            assertTrue(line.equals("after") || line.matches("thread-\\d-line-(\\d+)-x*"), "whole line: " + line);
            if (!line.equals("after")) {
                int n = Integer.parseInt(line.split("-")[3]);
                assertEquals(n % 50, line.length() - line.lastIndexOf('-') - 1, "whole line: " + line);
            }
        }
    }

    @Test
    void openCreatesEveryFileAtLoad() {
        w = new Writers();
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        w.writer.open(Set.of(new LogFile(a, null), new LogFile(b, new BufferSpec(1024, 0, 0))));
        assertTrue(Files.exists(a));
        assertTrue(Files.exists(b));
        assertEquals(2, w.channels.openNow());
    }

    @Test
    void aFileThatCannotBeOpenedFailsTheLoadInNginxsWords() {
        w = new Writers();
        Path missing = dir.resolve("no-such-dir/access.log");
        ConfigException e = assertThrows(ConfigException.class,
                () -> w.writer.open(List.of(new LogFile(dir.resolve("ok.log"), null), new LogFile(missing, null))));
        assertEquals("open() \"" + missing + "\" failed (2: No such file or directory)", e.getMessage());
        assertEquals(0, w.channels.openNow(), "what this load opened is closed again");
    }

    @Test
    void aFileTheConfigurationNoLongerNamesIsClosedOnceIdle() {
        w = new Writers();
        LogFile old = new LogFile(dir.resolve("old.log"), null);
        LogFile current = new LogFile(dir.resolve("new.log"), null);
        w.writer.open(Set.of(old));
        w.record(new AccessLogs(List.of(new AccessLog(old, null, Writers.SEQ, null, null)), null), "1");
        w.sync();
        w.writer.open(Set.of(current));
        assertEquals(2, w.channels.openNow());
        w.clock.advance(Duration.ofSeconds(59));
        w.sync();
        assertEquals(2, w.channels.openNow());
        w.clock.advance(Duration.ofSeconds(1));
        w.sync();
        assertEquals(1, w.channels.openNow());
        assertEquals(List.of("1"), Writers.lines(old.path()));
    }

    @Test
    void closeWritesEverythingAndClosesEveryFile() {
        w = new Writers();
        Path plain = dir.resolve("plain.log");
        Path buffered = dir.resolve("buffered.log");
        AccessLogs logs = new AccessLogs(List.of(
                new AccessLog(new LogFile(plain, null), null, Writers.SEQ, null, null),
                new AccessLog(new LogFile(buffered, new BufferSpec(64 * 1024, 0, 0)), null, Writers.SEQ, null, null)),
                null);
        for (int i = 0; i < 10; i++) {
            w.record(logs, Integer.toString(i));
        }
        w.writer.close();
        assertEquals(numbers(0, 10), Writers.lines(plain));
        assertEquals(numbers(0, 10), Writers.lines(buffered));
        assertEquals(0, w.channels.openNow());
    }

    @Test
    void aLineRecordedAfterCloseIsCountedAsDropped() {
        w = new Writers();
        Path file = dir.resolve("access.log");
        w.writer.close();
        w.record(Writers.to(file, null), "late");
        assertEquals(1, w.writer.droppedLines());
        assertFalse(Files.exists(file));
    }
}
