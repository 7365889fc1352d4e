package dev.ferry.accesslog;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * A value with variables evaluated per request: an {@code access_log} path that names
 * variables, or an {@code if=} condition. Compiled with the syntax and messages of
 * {@code ngx_http_script_compile}; values are used as they are (no escaping) and a variable
 * that is not found contributes nothing.
 */
public final class Template {

    private final String source;
    private final Segment[] segments;
    private final List<String> askedVariables;
    private final boolean hasVariables;

    private Template(String source, Segment[] segments, List<String> askedVariables, boolean hasVariables) {
        this.source = source;
        this.segments = segments;
        this.askedVariables = askedVariables;
        this.hasVariables = hasVariables;
    }

    /**
     * @throws ConfigException {@code invalid variable name} or
     *         {@code the closing bracket in "x" variable is missing}
     */
    public static Template compile(String source, SourcePosition position) {
        Objects.requireNonNull(source, "source");
        SegmentsBuilder out = new SegmentsBuilder(Escape.NONE);
        int len = source.length();
        int i = 0;
        while (i < len) {
            if (source.charAt(i) != '$') {
                int start = i;
                while (i < len && source.charAt(i) != '$') {
                    i++;
                }
                out.text(source, start, i);
                continue;
            }
            if (++i == len) {
                throw new ConfigException("invalid variable name", position);
            }
            char first = source.charAt(i);
            if (first >= '1' && first <= '9') {
                // ngx_http_script_compile reads $1..$9 as a regex capture, one digit only.
                out.capture(first);
                i++;
                continue;
            }
            boolean bracket = first == '{';
            if (bracket && ++i == len) {
                throw new ConfigException("invalid variable name", position);
            }
            int nameStart = i;
            int nameEnd = len;
            while (i < len) {
                char ch = source.charAt(i);
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
            String name = source.substring(nameStart, nameEnd);
            if (bracket) {
                throw new ConfigException("the closing bracket in \"" + name + "\" variable is missing", position);
            }
            if (name.isEmpty()) {
                throw new ConfigException("invalid variable name", position);
            }
            out.variable(name);
        }
        return new Template(source, out.segments(), out.asked(), out.hasVariables());
    }

    public String source() {
        return source;
    }

    /** Whether any variable appears, nginx's {@code ngx_http_script_variables_count} > 0. */
    public boolean hasVariables() {
        return hasVariables;
    }

    /** The variables asked of the proxy (lowercase, without {@code $}); captures are not listed. */
    public List<String> askedVariables() {
        return askedVariables;
    }

    /** The {@code if=} test of {@code ngx_http_log_handler}: false when the value is empty or "0". */
    boolean holds(RenderState state) {
        LineBuilder out = state.scratch;
        out.reset();
        render(out, state);
        return !out.isEmptyOrZero();
    }

    /** The value as text, bytes read as UTF-8 (for a path). */
    String evaluate(RenderState state) {
        LineBuilder out = state.scratch;
        out.reset();
        render(out, state);
        return out.toUtf8();
    }

    private void render(LineBuilder out, RenderState state) {
        for (Segment segment : segments) {
            segment.render(out, state);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
