package dev.ferry.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collects the segments of a format or template as it is read: adjacent text is merged into
 * one literal, and each variable is bound to the log module's own formatter or left to the
 * proxy. Variable names are lowercased, as {@code ngx_http_get_variable_index} does.
 */
final class SegmentsBuilder {

    private final Escape escape;
    private final List<Segment> segments = new ArrayList<>();
    private final Set<String> asked = new LinkedHashSet<>();
    private final StringBuilder text = new StringBuilder();

    SegmentsBuilder(Escape escape) {
        this.escape = escape;
    }

    void text(CharSequence chars, int start, int end) {
        text.append(chars, start, end);
    }

    void variable(String name) {
        flushText();
        String lower = name.toLowerCase(Locale.ROOT);
        LogVariable own = LogVariable.named(lower);
        if (own != null) {
            segments.add(new Segment.Own(own, escape));
        } else {
            segments.add(new Segment.Asked(lower, escape));
            asked.add(lower);
        }
    }

    /** A regex capture ({@code $1}) in a template: asked of the proxy by its digit, never checked. */
    void capture(char digit) {
        flushText();
        segments.add(new Segment.Asked(String.valueOf(digit), escape));
    }

    Segment[] segments() {
        flushText();
        return segments.toArray(Segment[]::new);
    }

    /** The names the proxy must know, in order of first use. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    boolean hasVariables() {
        return segments.stream().anyMatch(s -> !(s instanceof Segment.Literal));
    }

    private void flushText() {
        if (!text.isEmpty()) {
            // Configuration text is UTF-8, so literal text is written as UTF-8.
            segments.add(new Segment.Literal(text.toString().getBytes(StandardCharsets.UTF_8)));
            text.setLength(0);
        }
    }

    static boolean isNameChar(char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    }
}
