package dev.ferry.accesslog;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * A {@code log_format}, compiled once into literal and variable segments
 * ({@code ngx_http_log_compile_format}); formatting a line walks the segments into a reused
 * buffer.
 */
public final class LogFormat {

    /** The predefined format's name; it cannot be redefined. */
    public static final String COMBINED = "combined";

    private static final String COMBINED_TEXT = "$remote_addr - $remote_user [$time_local] "
            + "\"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    private static final LogFormat COMBINED_FORMAT = compile(COMBINED, List.of(COMBINED_TEXT), null);

    private final String name;
    private final Escape escape;
    private final Segment[] segments;
    private final List<String> askedVariables;

    private LogFormat(String name, Escape escape, Segment[] segments, List<String> askedVariables) {
        this.name = name;
        this.escape = escape;
        this.segments = segments;
        this.askedVariables = askedVariables;
    }

    /** nginx's predefined {@code combined} format. */
    public static LogFormat combined() {
        return COMBINED_FORMAT;
    }

    /**
     * Compiles the arguments of {@code log_format NAME [escape=...] STRING ...}; the strings
     * are joined with no separator.
     *
     * @param name     the format's name
     * @param args     the arguments after the name
     * @param position where the directive stands, for errors
     * @throws ConfigException in nginx's words: {@code unknown log format escaping "x"},
     *         {@code invalid parameter "$"}, {@code the closing bracket in "x" variable is missing}
     */
    public static LogFormat compile(String name, List<String> args, SourcePosition position) {
        Objects.requireNonNull(name, "name");
        int first = 0;
        Escape escape = Escape.DEFAULT;
        if (!args.isEmpty() && args.getFirst().startsWith("escape=")) {
            String value = args.getFirst().substring(7);
            escape = Escape.named(value);
            if (escape == null) {
                throw new ConfigException("unknown log format escaping \"" + value + "\"", position);
            }
            first = 1;
        }
        SegmentsBuilder out = new SegmentsBuilder(escape);
        for (String arg : args.subList(first, args.size())) {
            compileString(arg, out, position);
        }
        return new LogFormat(name, escape, out.segments(), out.asked());
    }

    private static void compileString(String s, SegmentsBuilder out, SourcePosition position) {
        int len = s.length();
        int i = 0;
        while (i < len) {
            if (s.charAt(i) != '$') {
                int start = i;
                while (i < len && s.charAt(i) != '$') {
                    i++;
                }
                out.text(s, start, i);
                continue;
            }
            int dollar = i;
            if (++i == len) {
                throw invalid(s, dollar, position);
            }
            boolean bracket = s.charAt(i) == '{';
            if (bracket && ++i == len) {
                throw invalid(s, dollar, position);
            }
            int nameStart = i;
            int nameEnd = len;
            while (i < len) {
                char ch = s.charAt(i);
                if (ch == '}' && bracket) {
                    nameEnd = i;
                    i++;
                    bracket = false;
                    break;
                }
                if (!SegmentsBuilder.isNameChar(ch)) {
                    nameEnd = i;
                    break;
                }
                i++;
            }
            String name = s.substring(nameStart, nameEnd);
            if (bracket) {
                throw new ConfigException("the closing bracket in \"" + name + "\" variable is missing", position);
            }
            if (name.isEmpty()) {
                throw invalid(s, dollar, position);
            }
            out.variable(name);
        }
    }

    /** nginx prints the argument from the bad {@code $} to its end. */
    private static ConfigException invalid(String s, int from, SourcePosition position) {
        return new ConfigException("invalid parameter \"" + s.substring(from) + "\"", position);
    }

    public String name() {
        return name;
    }

    public Escape escape() {
        return escape;
    }

    /**
     * The variables this format asks the proxy for (lowercase, without {@code $}), in order of
     * first use; the binder checks each is known.
     */
    public List<String> askedVariables() {
        return askedVariables;
    }

    void render(LineBuilder out, RenderState state) {
        for (Segment segment : segments) {
            segment.render(out, state);
        }
    }

    @Override
    public String toString() {
        return "log_format " + name;
    }
}
