package dev.ferry.accesslog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The three escapes of {@code log_format} applied to variable values (SPEC-nginx.md §7):
 * default ({@code ngx_http_log_escape}), json ({@code ngx_escape_json}) and none. Expected
 * lines are ISO-8859-1 text, one char per byte.
 */
class EscapeTest {

    record Case(String escape, String value, String expected) {
        @Override
        public String toString() {
            return "escape=" + escape + " writes " + printable(value) + " as " + printable(expected);
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("default", "plain text 123", "plain text 123"),
                new Case("default", "\"", "\\x22"),
                new Case("default", "\\", "\\x5C"),
                new Case("default", "\u0000", "\\x00"),
                new Case("default", "\t", "\\x09"),
                new Case("default", "\u001B", "\\x1B"),
                new Case("default", "\u001F", "\\x1F"),
                new Case("default", "\u007F", "\\x7F"),
                new Case("default", "\u0080", "\\x80"),
                new Case("default", "\u00E9", "\\xE9"),
                new Case("default", "\u00FF", "\\xFF"),
                new Case("default", "'<>{}~ %", "'<>{}~ %"),
                // a char beyond one byte is written as UTF-8, whose bytes are then escaped
                new Case("default", "\u20AC", "\\xE2\\x82\\xAC"),
                new Case("default", "\uD83D\uDE00", "\\xF0\\x9F\\x98\\x80"),
                new Case("default", "", ""),
                new Case("json", "plain", "plain"),
                new Case("json", "\"", "\\\""),
                new Case("json", "\\", "\\\\"),
                new Case("json", "\n\r\t\b\f", "\\n\\r\\t\\b\\f"),
                new Case("json", "\u0000", "\\u0000"),
                new Case("json", "\u001B", "\\u001B"),
                new Case("json", "\u001F", "\\u001F"),
                new Case("json", "\u007F", "\u007F"),
                new Case("json", "\u00E9", "\u00E9"),
                new Case("json", "\u20AC", "\u00E2\u0082\u00AC"),
                new Case("json", "/", "/"),
                new Case("none", "\"\\\u001B\u00E9", "\"\\\u001B\u00E9"),
                new Case("none", "\u20AC", "\u00E2\u0082\u00AC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void variableValuesAreEscaped(Case c) {
        LogFormat format = Lines.format("escape=" + c.escape(), "[$v]");
        assertEquals("[" + c.expected() + "]", Lines.render(format, new Facts().var("v", c.value())));
    }

    @Test
    void aVariableNotFoundIsADashByDefaultAndNothingOtherwise() {
        Facts facts = new Facts();
        assertEquals("[-]", Lines.render(Lines.format("[$v]"), facts));
        assertEquals("[-]", Lines.render(Lines.format("escape=default", "[$v]"), facts));
        assertEquals("[]", Lines.render(Lines.format("escape=json", "[$v]"), facts));
        assertEquals("[]", Lines.render(Lines.format("escape=none", "[$v]"), facts));
    }

    @Test
    void literalTextIsNeverEscaped() {
        LogFormat format = Lines.format("\"\\\t$v\"");
        assertEquals("\"\\\t\\x22\"", Lines.render(format, new Facts().var("v", "\"")));
    }

    /** SPEC-nginx.md §7: {@code $uri$arg_b$arg_c} for {@code /escape/"1 %1B%1C "?c=2}. */
    @Test
    void theSpecExampleEscapesTheDecodedUriAndSkipsTheMissingArgument() {
        Facts facts = new Facts().var("uri", "/escape/\"1 \u001B\u001C \"").var("arg_c", "2");
        assertEquals("/escape/\\x221 \\x1B\\x1C \\x22-2",
                Lines.render(Lines.format("$uri$arg_b$arg_c"), facts));
        assertEquals("/escape/\"1 \u001B\u001C \"2",
                Lines.render(Lines.format("escape=none", "$uri$arg_b$arg_c"), facts));
        assertEquals("/escape/\\\"1 \\u001B\\u001C \\\"2",
                Lines.render(Lines.format("escape=json", "$uri$arg_b$arg_c"), facts));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c >= 0x7F) {
                out.append(String.format("<%02X>", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
