package dev.ferry.accesslog.config;

import dev.ferry.accesslog.BufferSpec;
import dev.ferry.accesslog.LogFormat;
import dev.ferry.accesslog.Template;
import dev.ferry.conf.SourcePosition;
import java.nio.file.Path;

/**
 * One {@code access_log} line as read, before the files of the whole configuration are known.
 *
 * @param off       {@code access_log off}
 * @param file      the full name of a path without variables, else {@code null}
 * @param template  the full path with variables, else {@code null}
 * @param format    the format it names
 * @param buffer    the buffering this line asks for, or {@code null}
 * @param condition the {@code if=} condition, or {@code null}
 * @param position  where it was read
 */
record ParsedLog(boolean off, Path file, Template template, LogFormat format, BufferSpec buffer,
        Template condition, SourcePosition position) {

    static ParsedLog off(SourcePosition position) {
        return new ParsedLog(true, null, null, null, null, null, position);
    }
}
