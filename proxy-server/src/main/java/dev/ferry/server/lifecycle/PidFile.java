package dev.ferry.server.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The {@code pid} file: "PID\n", written once every listener is bound and removed at exit, as nginx does. */
public final class PidFile {

    private PidFile() {
    }

    /**
     * Written beside and renamed into place, so that whoever reads the file (a script's
     * {@code kill $(cat ...)}, {@code ferry -s}) finds the whole line, never the empty file a
     * write in place shows for a moment. The mode is the umask's, as nginx's.
     */
    public static void write(Path file, long pid) throws IOException {
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling(file.getFileName() + "." + pid + ".tmp");
        try {
            Files.writeString(next, pid + "\n", StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    /** Deletes the file if it still names {@code pid} (a newer instance may have taken it over). */
    public static void remove(Path file, long pid) {
        try {
            if (read(file) == pid) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | InvalidPid e) {
            // Nothing to clean up: the file is gone or is not ours.
        }
    }

    /** Reads a pid written by {@link #write}; nginx's messages for the failures. */
    public static long read(Path file) throws IOException, InvalidPid {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString());
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > 18 || !trimmed.chars().allMatch(Character::isDigit)) {
            throw new InvalidPid("invalid PID number \"" + trimmed + "\" in \"" + file + "\"");
        }
        return Long.parseLong(trimmed);
    }

    /** The pid file holds something that is not a pid. */
    public static final class InvalidPid extends Exception {
        public InvalidPid(String message) {
            super(message);
        }
    }
}
