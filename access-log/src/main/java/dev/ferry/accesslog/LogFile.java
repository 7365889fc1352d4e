package dev.ferry.accesslog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One log file with a fixed name, shared by every {@code access_log} line that names it, as
 * nginx shares one {@code ngx_open_file_t} per name: when any of those lines is buffered, all
 * of them write through that buffer.
 *
 * @param path   the full name (relative names resolved against the prefix)
 * @param buffer the buffering, or {@code null} when each line is written as it comes
 */
public record LogFile(Path path, BufferSpec buffer) {

    public LogFile {
        Objects.requireNonNull(path, "path");
    }

    public boolean buffered() {
        return buffer != null;
    }
}
