package dev.ferry.conf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a directive or an error sits: a file and a line, or the {@code -g} command line.
 *
 * <p>As in nginx, the line of a directive is the line holding its terminator ({@code ;} or
 * {@code {}), because that is where the tokeniser stands when the directive is handled.
 *
 * @param file absolute path of the file, or {@code null} for directives given with {@code -g}
 * @param line 1-based line number; 0 for the command line
 */
public record SourcePosition(Path file, int line) {

    public static final SourcePosition COMMAND_LINE = new SourcePosition(null, 0);

    public SourcePosition {
        if (file == null && line != 0) {
            throw new IllegalArgumentException("command-line positions have no line");
        }
        if (file != null && line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    public static SourcePosition of(Path file, int line) {
        return new SourcePosition(Objects.requireNonNull(file, "file"), line);
    }

    public boolean isCommandLine() {
        return file == null;
    }

    /** The suffix nginx appends to every configuration message: {@code " in /abs/file:12"}. */
    public String suffix() {
        return isCommandLine() ? " in command line" : " in " + file + ":" + line;
    }

    @Override
    public String toString() {
        return isCommandLine() ? "command line" : file + ":" + line;
    }
}
