package dev.ferry.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void holdsThePidAndALineEndAndNothingBeside() throws Exception {
        Path file = dir.resolve("logs/ferry.pid");
        PidFile.write(file, 4242);
        PidFile.write(file, 4243); // a second instance takes the file over
        assertEquals("4243\n", Files.readString(file, StandardCharsets.US_ASCII));
        assertEquals(4243, PidFile.read(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    /** A reader polling the file while it is rewritten sees a whole pid or no file, never less. */
    @Test
    void aReaderNeverSeesAPartFile() throws Exception {
        Path file = dir.resolve("ferry.pid");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> bad = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                try {
                    String text = Files.readString(file, StandardCharsets.US_ASCII);
                    reads.incrementAndGet();
                    if (!text.matches("[0-9]+\n") && bad.size() < 5) {
                        bad.add(text);
                    }
                } catch (NoSuchFileException e) {
                    // not written yet
                } catch (Exception e) {
                    bad.add(e.toString());
                }
            }
        });
        for (int i = 0; i < 3000; i++) {
            PidFile.write(file, 100_000 + i);
        }
        writing.set(false);
        reader.join();
        assertEquals(List.of(), bad);
        assertTrue(reads.get() > 0, "the reader read while the file was rewritten");
    }
}
