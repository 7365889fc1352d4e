package dev.ferry.conf.syntax;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.OsErrors;
import dev.ferry.conf.SourcePosition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Reads a configuration file whole, failing with the message nginx gives for that file. */
final class SourceFiles {

    private SourceFiles() {
    }

    /**
     * The bytes of {@code path}.
     *
     * @param at where the failure is reported: the {@code include} directive, or {@code null}
     *           for the main file (nginx prints no position then)
     */
    static byte[] read(Path path, SourcePosition at) {
        // open(2) succeeds on a directory and nginx's first pread(2) fails; the message says so.
        if (Files.isDirectory(path)) {
            throw new ConfigException("pread() \"" + path + "\" failed (21: Is a directory)", at);
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException("open() \"" + path + "\" failed (" + OsErrors.describe(e) + ")", at);
        }
    }

    /** The path named by an {@code include} argument or by {@code -c}; a NUL byte cannot name a file. */
    static Path pathOf(String name, SourcePosition at) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new ConfigException("open() \"" + name + "\" failed (2: No such file or directory)", at);
        }
    }
}
