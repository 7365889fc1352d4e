package dev.ferry.accesslog;

import dev.ferry.conf.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Formats single lines the way the writer does, with a fixed clock and zone. */
final class Lines {

    /** 2026-08-21 17:00:43.123 at +04:00, the time of SPEC-nginx.md's sample lines. */
    static final Instant NOW = Instant.parse("2026-08-21T13:00:43.123Z");
    static final ZoneId ZONE = ZoneId.of("+04:00");

    private Lines() {
    }

    static LogFormat format(String... strings) {
        return LogFormat.compile("test", List.of(strings), SourcePosition.COMMAND_LINE);
    }

    /** The line (without newline) as ISO-8859-1 text, so every byte shows as one char. */
    static String render(LogFormat format, RequestFacts facts) {
        return render(format, facts, NOW.toEpochMilli(), facts.startNanos(), ZONE);
    }

    static String render(LogFormat format, RequestFacts facts, long nowMillis, long nowNanos, ZoneId zone) {
        RenderState state = RenderState.begin(facts, nowMillis, nowNanos, new LogTime(zone));
        try {
            state.line.reset();
            format.render(state.line, state);
            return new String(state.line.array(), 0, state.line.length(), StandardCharsets.ISO_8859_1);
        } finally {
            state.end();
        }
    }
}
