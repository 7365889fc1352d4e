package dev.ferry.accesslog;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths with variables and {@code if=} conditions, compiled as {@code ngx_http_script_compile} reads them. */
class TemplateTest {

    private static String evaluate(Template template, Facts facts) {
        RenderState state = RenderState.begin(facts, 0, 0, new LogTime(Lines.ZONE));
        try {
            return template.evaluate(state);
        } finally {
            state.end();
        }
    }

    private static boolean holds(String source, Facts facts) {
        RenderState state = RenderState.begin(facts, 0, 0, new LogTime(Lines.ZONE));
        try {
            return Template.compile(source, SourcePosition.COMMAND_LINE).holds(state);
        } finally {
            state.end();
        }
    }

    @Test
    void aPathTakesItsVariablesAsTheyAre() {
        Template t = Template.compile("/srv/logs/$host-${status}.log", SourcePosition.COMMAND_LINE);
        assertTrue(t.hasVariables());
        assertEquals(List.of("host"), t.askedVariables());
        assertEquals("/srv/logs/a\"b-404.log", evaluate(t, new Facts().var("host", "a\"b").status(404)));
        assertEquals("/srv/logs/-404.log", evaluate(t, new Facts().status(404)));
    }

    @Test
    void aDigitAfterTheDollarIsARegexCaptureOfOneDigit() {
        Template t = Template.compile("/l/$12", SourcePosition.COMMAND_LINE);
        assertEquals(List.of(), t.askedVariables());
        assertEquals("/l/x2", evaluate(t, new Facts().var("1", "x")));
    }

    @Test
    void textWithoutADollarHasNoVariables() {
        Template t = Template.compile("/srv/logs/access.log", SourcePosition.COMMAND_LINE);
        assertFalse(t.hasVariables());
        assertEquals("/srv/logs/access.log", evaluate(t, new Facts()));
    }

    @ParameterizedTest(name = "if=[{0}] with $v=[{1}] logs: {2}")
    @CsvSource(nullValues = "NOT FOUND", textBlock = """
            $v,   1,         true
            $v,   0,         false
            $v,   '',        false
            $v,   NOT FOUND, false
            $v,   00,        true
            $v,   ' 0',      true
            0,    1,         false
            1,    0,         true
            '',   1,         false
            $v$v, 0,         true
            """)
    void aConditionIsFalseWhenEmptyOrZero(String condition, String value, boolean logs) {
        Facts facts = new Facts();
        if (value != null) {
            facts.var("v", value);
        }
        assertEquals(logs, holds(condition, facts));
    }

    @ParameterizedTest(name = "[{0}] fails with: {1}")
    @CsvSource(delimiterString = "->", textBlock = """
            /logs/$        -> invalid variable name
            /logs/${       -> invalid variable name
            /logs/${}      -> invalid variable name
            /logs/$-x      -> invalid variable name
            /logs/${host   -> the closing bracket in "host" variable is missing
            """)
    void badTemplatesFailWithNginxsWords(String source, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> Template.compile(source, SourcePosition.COMMAND_LINE));
        assertEquals(message, e.reason());
    }
}
