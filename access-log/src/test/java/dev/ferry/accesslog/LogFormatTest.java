package dev.ferry.accesslog;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code log_format} compiled as {@code ngx_http_log_compile_format} reads it. */
class LogFormatTest {

    private static final SourcePosition AT = SourcePosition.of(Path.of("/etc/ferry/nginx.conf"), 7);

    @Test
    void theCombinedLineMatchesTheSpecSample() {
        Facts facts = new Facts().var("remote_addr", "127.0.0.1").var("request", "GET /combined HTTP/1.0").sent(150, 2);
        assertEquals("127.0.0.1 - - [21/Aug/2026:17:00:43 +0400] \"GET /combined HTTP/1.0\" 200 2 \"-\" \"-\"",
                Lines.render(LogFormat.combined(), facts));
    }

    @Test
    void combinedAsksTheProxyForFourVariables() {
        assertEquals(List.of("remote_addr", "request", "http_referer", "http_user_agent"),
                LogFormat.combined().askedVariables());
        assertEquals("combined", LogFormat.combined().name());
        assertSame(Escape.DEFAULT, LogFormat.combined().escape());
    }

    @Test
    void severalStringsAreJoinedWithNoSeparator() {
        assertEquals("a200b-", Lines.render(Lines.format("a", "$status", "b", "$nothing"), new Facts()));
    }

    @Test
    void bracesEndANameWhereLettersWouldContinueIt() {
        Facts facts = new Facts().var("status_x", "sx");
        assertEquals("200ms sx", Lines.render(Lines.format("${status}ms $status_x"), facts));
    }

    @Test
    void aNameEndsAtTheFirstCharOutsideLettersDigitsAndUnderscore() {
        assertEquals("200.200-200", Lines.render(Lines.format("$status.$status-$status"), new Facts()));
    }

    @Test
    void namesAreLowercasedAsNginxIndexesThem() {
        LogFormat format = Lines.format("$HTTP_User_Agent $STATUS");
        assertEquals(List.of("http_user_agent"), format.askedVariables());
        assertEquals("curl 200", Lines.render(format, new Facts().var("http_user_agent", "curl")));
    }

    @Test
    void theLogModulesOwnVariablesAreNotAskedOfTheProxy() {
        LogFormat format = Lines.format("$time_local $msec $request_time $status $bytes_sent $body_bytes_sent "
                + "$request_length $pipe $connection $connection_requests $time_iso8601 $upstream_addr "
                + "$upstream_status $upstream_response_time $upstream_connect_time $upstream_header_time "
                + "$upstream_bytes_received $upstream_bytes_sent $upstream_response_length $remote_user $host");
        assertEquals(List.of("host"), format.askedVariables());
    }

    @Test
    void escapeAloneMakesAnEmptyFormat() {
        LogFormat format = Lines.format("escape=json");
        assertSame(Escape.JSON, format.escape());
        assertEquals("", Lines.render(format, new Facts()));
    }

    @Test
    void literalTextIsWrittenAsUtf8() {
        assertEquals("\u00C3\u00A9 200", Lines.render(Lines.format("\u00E9 $status"), new Facts()));
    }

    @Test
    void escapeIsOnlyRecognisedAsTheFirstString() {
        assertEquals("escape=json", Lines.render(Lines.format("", "escape=json"), new Facts()));
    }

    @ParameterizedTest(name = "[{0}] fails with: {1}")
    @CsvSource(delimiterString = "->", quoteCharacter = '`', textBlock = """
            escape=xml        -> unknown log format escaping "xml"
            escape=           -> unknown log format escaping ""
            abc $             -> invalid parameter "$"
            a $ b             -> invalid parameter "$ b"
            $$status          -> invalid parameter "$$status"
            x ${              -> invalid parameter "${"
            x ${}y            -> invalid parameter "${}y"
            ${status          -> the closing bracket in "status" variable is missing
            `${sta tus}`      -> the closing bracket in "sta" variable is missing
            """)
    void badFormatsFailWithNginxsWords(String string, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LogFormat.compile("main", List.of(string), AT));
        assertEquals(message, e.reason());
        assertEquals(message + " in /etc/ferry/nginx.conf:7", e.getMessage());
    }
}
