package dev.ferry.accesslog;

import dev.ferry.conf.SourcePosition;
import java.util.Objects;

/**
 * One {@code access_log PATH [FORMAT [buffer=] [gzip] [flush=] [if=]]} line, bound: where it
 * writes, in which format, and when it skips a request.
 *
 * @param file         the file, when the path has no variables; else {@code null}
 * @param pathTemplate the full path with variables, evaluated per request; else {@code null}
 * @param format       the format (combined when none is named)
 * @param condition    the {@code if=} condition, or {@code null}
 * @param position     where the line was read; {@code null} for the default log
 */
public record AccessLog(LogFile file, Template pathTemplate, LogFormat format, Template condition,
        SourcePosition position) {

    public AccessLog {
        if ((file == null) == (pathTemplate == null)) {
            throw new IllegalArgumentException("an access log has either a file or a path template");
        }
        Objects.requireNonNull(format, "format");
    }

    /** What an access log writes to, for messages: the path as configured or its full name. */
    public String target() {
        return file != null ? file.path().toString() : pathTemplate.source();
    }
}
