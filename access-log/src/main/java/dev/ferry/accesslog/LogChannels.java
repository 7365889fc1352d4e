package dev.ferry.accesslog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens log files; a seam so tests can hand the writer a slow or failing disk. */
interface LogChannels {

    /** Append mode, created when missing, as nginx opens logs ({@code NGX_FILE_APPEND|NGX_FILE_CREATE_OR_OPEN}). */
    LogChannels FILES = path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);

    WritableByteChannel open(Path path) throws IOException;
}
