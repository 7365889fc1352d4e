package dev.ferry.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Numbers the hostile-input tests measure, appended to tests/target/hostile-measurements.txt for the README. */
final class Measurements {

    private Measurements() {
    }

    static void record(String what) {
        System.out.println("[measured] " + what);
        try {
            Path file = Path.of("target/hostile-measurements.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " " + what + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not write the measurements file: " + e + ")");
        }
    }
}
