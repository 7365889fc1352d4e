package dev.ferry.accesslog.config;

import dev.ferry.accesslog.BufferSpec;
import dev.ferry.accesslog.LogFormat;
import dev.ferry.accesslog.OpenFileCache;
import dev.ferry.accesslog.Template;
import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Sizes;
import dev.ferry.conf.value.Times;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the three directives of {@code ngx_http_log_module} in reading order, with the checks
 * and messages of {@code ngx_http_log_set_format}, {@code ngx_http_log_set_log} and
 * {@code ngx_http_log_open_file_cache}. It remembers what one configuration load has read so
 * far: the formats (an {@code access_log} may only name a format defined above it) and the
 * buffer of every file named buffered (one file, one buffer).
 */
final class LogDirectives {

    private final Path prefix;
    /** In definition order, the predefined combined first, as nginx's formats array. */
    private final List<LogFormat> formats = new ArrayList<>();
    private final Map<Path, BufferSpec> buffers = new HashMap<>();

    LogDirectives(Path prefix) {
        this.prefix = prefix;
        formats.add(LogFormat.combined());
    }

    /** {@code log_format NAME [escape=...] STRING ...}; names are compared exactly. */
    LogFormat logFormat(Directive d) {
        String name = d.arg(0);
        for (LogFormat format : formats) {
            if (format.name().equals(name)) {
                throw d.errorText("duplicate \"log_format\" name \"" + name + "\"");
            }
        }
        LogFormat format = LogFormat.compile(name, d.args().subList(1, d.args().size()), d.position());
        formats.add(format);
        return format;
    }

    /** {@code access_log PATH [FORMAT [buffer=SIZE] [gzip[=LEVEL]] [flush=TIME] [if=COND]]} or {@code access_log off}. */
    ParsedLog accessLog(Directive d) {
        String path = d.arg(0);
        if (path.equals("off")) {
            if (d.args().size() == 1) {
                return ParsedLog.off(d.position());
            }
            throw invalidParameter(d.arg(1), d);
        }
        if (path.startsWith("syslog:")) {
            throw d.errorText("logging to syslog is not supported by Ferry yet");
        }
        Path file = null;
        Template template = null;
        // ngx_http_script_variables_count: any '$' makes the path a script, its full name taken first.
        if (path.indexOf('$') < 0) {
            file = fullName(path);
        } else {
            template = Template.compile(fullName(path).toString(), d.position());
        }
        String formatName = d.args().size() >= 2 ? d.arg(1) : LogFormat.COMBINED;
        LogFormat format = find(formatName);
        if (format == null) {
            throw d.errorText("unknown log format \"" + formatName + "\"");
        }

        long size = 0;
        long flush = 0;
        int gzip = 0;
        Template condition = null;
        for (String p : d.args().subList(Math.min(2, d.args().size()), d.args().size())) {
            if (p.startsWith("buffer=")) {
                String s = p.substring(7);
                OptionalLong parsed = Sizes.parseSize(s);
                if (parsed.isEmpty() || parsed.getAsLong() == 0 || parsed.getAsLong() > Integer.MAX_VALUE - 8) {
                    throw d.errorText("invalid buffer size \"" + s + "\"");
                }
                size = parsed.getAsLong();
            } else if (p.startsWith("flush=")) {
                String s = p.substring(6);
                OptionalLong parsed = Times.parseMillis(s);
                if (parsed.isEmpty() || parsed.getAsLong() == 0) {
                    throw d.errorText("invalid flush time \"" + s + "\"");
                }
                flush = parsed.getAsLong();
            } else if (p.startsWith("gzip") && (p.length() == 4 || p.charAt(4) == '=')) {
                // gzip implies a 64k buffer unless a buffer= before it set one; a later buffer= wins.
                if (size == 0) {
                    size = BufferSpec.GZIP_DEFAULT_SIZE;
                }
                if (p.length() == 4) {
                    gzip = 1;
                } else {
                    String s = p.substring(5);
                    long level = atoi(s);
                    gzip = (int) Math.min(level, 10);
                    if (level < 1 || level > 9) {
                        throw d.errorText("invalid compression level \"" + s + "\"");
                    }
                }
            } else if (p.startsWith("if=")) {
                condition = Template.compile(p.substring(3), d.position());
            } else {
                throw invalidParameter(p, d);
            }
        }
        if (flush != 0 && size == 0) {
            throw d.errorText("no buffer is defined for access_log \"" + path + "\"");
        }
        BufferSpec buffer = null;
        if (size != 0) {
            if (template != null) {
                throw d.errorText("buffered logs cannot have variables in name");
            }
            buffer = new BufferSpec((int) size, flush, gzip);
            BufferSpec earlier = buffers.putIfAbsent(file, buffer);
            if (earlier != null && !earlier.equals(buffer)) {
                throw d.errorText("access_log \"" + path + "\" already defined with conflicting parameters");
            }
        }
        return new ParsedLog(false, file, template, format, buffer, condition, d.position());
    }

    /** {@code open_log_file_cache max=N [inactive=TIME] [min_uses=N] [valid=TIME] | off}; {@code null} for off. */
    OpenFileCache openFileCache(Directive d) {
        int max = 0;
        long inactive = OpenFileCache.DEFAULT_INACTIVE.toSeconds();
        long valid = OpenFileCache.DEFAULT_VALID.toSeconds();
        int minUses = 1;
        boolean off = false;
        for (String p : d.args()) {
            if (p.startsWith("max=")) {
                long parsed = atoi(p.substring(4));
                if (parsed < 0) {
                    throw invalidCacheParameter(p, d);
                }
                max = (int) Math.min(parsed, Integer.MAX_VALUE);
            } else if (p.startsWith("inactive=")) {
                inactive = seconds(p, 9, d);
            } else if (p.startsWith("min_uses=")) {
                long parsed = atoi(p.substring(9));
                if (parsed < 0) {
                    throw invalidCacheParameter(p, d);
                }
                minUses = (int) Math.min(parsed, Integer.MAX_VALUE);
            } else if (p.startsWith("valid=")) {
                valid = seconds(p, 6, d);
            } else if (p.equals("off")) {
                // nginx goes on reading the other parameters and then ignores them.
                off = true;
            } else {
                throw invalidCacheParameter(p, d);
            }
        }
        if (off) {
            return null;
        }
        if (max == 0) {
            throw d.errorText("\"open_log_file_cache\" must have \"max\" parameter");
        }
        return new OpenFileCache(max, Duration.ofSeconds(inactive), minUses, Duration.ofSeconds(valid), d.position());
    }

    /** The buffer of a file some line named buffered, or {@code null}. */
    BufferSpec bufferOf(Path file) {
        return buffers.get(file);
    }

    /** The formats read so far, by name, the predefined combined first. */
    List<LogFormat> formats() {
        return List.copyOf(formats);
    }

    /** ngx_conf_full_name: a name not starting with '/' is under the prefix. */
    Path fullName(String name) {
        if (name.isEmpty()) {
            // ngx_conf_open_file gives an empty name the standard error stream.
            return Path.of("/dev/stderr");
        }
        return prefix.resolve(name);
    }

    /** access_log looks formats up ignoring case, the first match winning ({@code combined} before all). */
    private LogFormat find(String name) {
        for (LogFormat format : formats) {
            if (equalsAsciiIgnoreCase(format.name(), name)) {
                return format;
            }
        }
        return null;
    }

    /** ngx_strcasecmp compares ASCII letters without case and every other byte exactly. */
    private static boolean equalsAsciiIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && !(x < 128 && y < 128 && Character.toLowerCase(x) == Character.toLowerCase(y))) {
                return false;
            }
        }
        return true;
    }

    private static long seconds(String p, int from, Directive d) {
        OptionalLong parsed = Times.parseSeconds(p.substring(from));
        if (parsed.isEmpty()) {
            throw invalidCacheParameter(p, d);
        }
        return parsed.getAsLong();
    }

    /** ngx_atoi: decimal digits only, at least one, no overflow; -1 when invalid. */
    private static long atoi(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - (ch - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static ConfigException invalidParameter(String p, Directive d) {
        return d.errorText("invalid parameter \"" + p + "\"");
    }

    private static ConfigException invalidCacheParameter(String p, Directive d) {
        return d.errorText("invalid \"open_log_file_cache\" parameter \"" + p + "\"");
    }
}
