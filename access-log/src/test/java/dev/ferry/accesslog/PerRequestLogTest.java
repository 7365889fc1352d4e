package dev.ferry.accesslog;

import dev.ferry.conf.SourcePosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code access_log} paths with variables, opened per request ({@code ngx_http_log_script_write}),
 * with and without {@code open_log_file_cache}.
 */
class PerRequestLogTest {

    @TempDir
    Path dir;

    private Writers w;

    @AfterEach
    void closeWriter() {
        if (w != null) {
            w.writer.close();
        }
    }

    private AccessLogs perHost(OpenFileCache cache) {
        Template path = Template.compile(dir + "/$host.log", SourcePosition.COMMAND_LINE);
        return new AccessLogs(List.of(new AccessLog(null, path, Writers.SEQ, null, null)), cache);
    }

    private void record(AccessLogs logs, String host, String seq) {
        w.writer.record(logs, new Facts().var("host", host).var("seq", seq));
    }

    private static OpenFileCache cache(int max, Duration inactive, Duration valid) {
        return new OpenFileCache(max, inactive, 1, valid, SourcePosition.COMMAND_LINE);
    }

    @Test
    void eachRequestGoesToTheFileItsVariablesName() {
        w = new Writers();
        AccessLogs logs = perHost(null);
        record(logs, "a", "1");
        record(logs, "b", "2");
        record(logs, "a", "3");
        w.writer.close();
        assertEquals(List.of("1", "3"), Writers.lines(dir.resolve("a.log")));
        assertEquals(List.of("2"), Writers.lines(dir.resolve("b.log")));
    }

    @Test
    void withoutACacheNoFileStaysOpen() {
        w = new Writers();
        AccessLogs logs = perHost(null);
        record(logs, "a", "1");
        record(logs, "b", "2");
        w.sync();
        assertEquals(0, w.channels.openNow());
        assertTrue(w.channels.opened.get() >= 2);
    }

    @Test
    void theCacheKeepsFilesOpenUpToItsMaximumAndClosesTheEvicted() {
        w = new Writers();
        AccessLogs logs = perHost(cache(2, Duration.ofSeconds(10), Duration.ofSeconds(60)));
        for (int i = 0; i < 30; i++) {
            record(logs, "host" + i % 5, Integer.toString(i));
            w.sync();
            assertTrue(w.channels.openNow() <= 2, "open files: " + w.channels.openNow());
        }
        w.writer.close();
        assertEquals(0, w.channels.openNow());
        for (int h = 0; h < 5; h++) {
            assertEquals(6, Writers.lines(dir.resolve("host" + h + ".log")).size());
        }
    }

    @Test
    void aFileNotWrittenForInactiveIsClosed() {
        w = new Writers();
        AccessLogs logs = perHost(cache(10, Duration.ofSeconds(10), Duration.ofSeconds(60)));
        record(logs, "a", "1");
        w.sync();
        assertEquals(1, w.channels.openNow());
        w.clock.advance(Duration.ofSeconds(9));
        w.sync();
        assertEquals(1, w.channels.openNow());
        w.clock.advance(Duration.ofSeconds(2));
        w.sync();
        assertEquals(0, w.channels.openNow());
    }

    @Test
    void aRotatedFileIsLeftOnceValidHasPassed() throws Exception {
        w = new Writers();
        AccessLogs logs = perHost(cache(10, Duration.ofSeconds(600), Duration.ofSeconds(60)));
        record(logs, "a", "1");
        w.sync();
        Files.move(dir.resolve("a.log"), dir.resolve("a.log.1"));
        record(logs, "a", "2");
        w.sync();
        w.clock.advance(Duration.ofSeconds(61));
        record(logs, "a", "3");
        w.writer.close();
        assertEquals(List.of("1", "2"), Writers.lines(dir.resolve("a.log.1")));
        assertEquals(List.of("3"), Writers.lines(dir.resolve("a.log")));
    }

    @Test
    void reopenClosesTheCachedFiles() throws Exception {
        w = new Writers();
        AccessLogs logs = perHost(cache(10, Duration.ofSeconds(600), Duration.ofSeconds(600)));
        record(logs, "a", "1");
        w.sync();
        Files.move(dir.resolve("a.log"), dir.resolve("a.log.1"));
        w.reopen();
        record(logs, "a", "2");
        w.writer.close();
        assertEquals(List.of("1"), Writers.lines(dir.resolve("a.log.1")));
        assertEquals(List.of("2"), Writers.lines(dir.resolve("a.log")));
    }

    @Test
    void aFileThatCannotBeOpenedLosesOnlyItsOwnLines() {
        w = new Writers();
        AccessLogs logs = perHost(null);
        record(logs, "missing-dir/x", "1");
        record(logs, "a", "2");
        w.writer.close();
        assertEquals(List.of("2"), Writers.lines(dir.resolve("a.log")));
    }
}
