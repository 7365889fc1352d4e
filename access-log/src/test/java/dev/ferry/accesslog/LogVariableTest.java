package dev.ferry.accesslog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every variable the log module formats itself, in nginx's exact format, with a fixed clock and zone. */
class LogVariableTest {

    private static final long NOW_MILLIS = Lines.NOW.toEpochMilli();
    private static final long NOW_NANOS = 5_000_000_000_000L;

    private static String at(String format, Facts facts) {
        return Lines.render(Lines.format(format), facts, NOW_MILLIS, NOW_NANOS, Lines.ZONE);
    }

    private static String at(String format, Facts facts, Instant now, ZoneId zone) {
        return Lines.render(Lines.format(format), facts, now.toEpochMilli(), NOW_NANOS, zone);
    }

    @Test
    void timeLocalIsDayMonthYearTimeAndOffset() {
        assertEquals("21/Aug/2026:17:00:43 +0400", at("$time_local", new Facts()));
    }

    @Test
    void timeLocalWritesANegativeOffsetWithItsMinutes() {
        assertEquals("21/Aug/2026:09:30:43 -0330",
                at("$time_local", new Facts(), Lines.NOW, ZoneId.of("-03:30")));
        assertEquals("01/Jan/2026:00:00:00 +0000",
                at("$time_local", new Facts(), Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC")));
    }

    @Test
    void timeLocalFollowsDaylightSavingTime() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals("15/Jan/2026:13:00:00 +0100", at("$time_local", new Facts(), Instant.parse("2026-01-15T12:00:00Z"), berlin));
        assertEquals("15/Jul/2026:14:00:00 +0200", at("$time_local", new Facts(), Instant.parse("2026-07-15T12:00:00Z"), berlin));
    }

    @Test
    void timeIso8601HasAColonInTheOffset() {
        assertEquals("2026-08-21T17:00:43+04:00", at("$time_iso8601", new Facts()));
        assertEquals("2026-08-21T09:30:43-03:30", at("$time_iso8601", new Facts(), Lines.NOW, ZoneId.of("-03:30")));
    }

    @Test
    void msecIsSecondsWithMilliseconds() {
        assertEquals("1787317243.123", at("$msec", new Facts()));
        assertEquals("1787317243.005", at("$msec", new Facts(), Instant.ofEpochMilli(1787317243005L), Lines.ZONE));
    }

    @ParameterizedTest(name = "a request that started {0} ns before the log shows {1}")
    @CsvSource({
        "3000000, 0.003",
        "3999999, 0.003",
        "0, 0.000",
        "12345000000, 12.345",
        "-5000000, 0.000"})
    void requestTimeIsSecondsWithMillisecondsAndNeverNegative(long agoNanos, String expected) {
        assertEquals(expected, at("$request_time", new Facts().startedAt(NOW_NANOS - agoNanos)));
    }

    @ParameterizedTest(name = "status {0} is written {1}")
    @CsvSource({"200, 200", "499, 499", "0, 000", "9, 009", "1000, 1000"})
    void statusHasAtLeastThreeDigits(int status, String expected) {
        assertEquals(expected, at("$status", new Facts().status(status)));
    }

    @Test
    void byteCountsAreDecimal() {
        Facts facts = new Facts().sent(1234, 1000);
        facts.requestLength = 78;
        assertEquals("1234 1000 78", at("$bytes_sent $body_bytes_sent $request_length", facts));
        assertEquals("0 0", at("$bytes_sent $body_bytes_sent", new Facts()));
        assertEquals("0", at("$body_bytes_sent", new Facts().sent(10, -5)));
    }

    @Test
    void pipeIsPForAPipelinedRequestAndADotOtherwise() {
        Facts facts = new Facts();
        assertEquals(".", at("$pipe", facts));
        facts.pipelined = true;
        assertEquals("p", at("$pipe", facts));
    }

    @Test
    void connectionAndItsRequestCountAreDecimal() {
        Facts facts = new Facts();
        facts.connection = 98765;
        facts.connectionRequests = 3;
        assertEquals("98765 3", at("$connection $connection_requests", facts));
    }

    @Test
    void remoteUserIsTheBasicAuthUserOrADash() {
        assertEquals("user", at("$remote_user", new Facts().var("http_authorization", "Basic dXNlcjpwYXNz")));
        assertEquals("-", at("$remote_user", new Facts()));
        assertEquals("-", at("$remote_user", new Facts().var("http_authorization", "Bearer abc")));
        assertEquals("", Lines.render(Lines.format("escape=json", "$remote_user"), new Facts()));
    }

    @Test
    void remoteUserIsEscapedLikeAnyValue() {
        // base64 of "\"\xC3\xA9:x": a quote and an e-acute in UTF-8 before the colon
        assertEquals("\\x22\\xC3\\xA9", at("$remote_user", new Facts().var("http_authorization", "Basic IsOpOng=")));
    }

    private static Facts retriedThenRedirected() {
        return new Facts().upstream(
                UpstreamState.attempt("10.0.0.1:80", 502, 1, -1, 5, 0, 120, 0),
                UpstreamState.attempt("10.0.0.2:80", 200, 2, 10, 15, 512, 120, 400),
                UpstreamState.NEW_GROUP,
                UpstreamState.attempt("backend", 0, -1, -1, 0, 0, 0, 0));
    }

    @ParameterizedTest(name = "${0} is \"{1}\"")
    @CsvSource(delimiterString = "->", textBlock = """
            upstream_addr             -> 10.0.0.1:80, 10.0.0.2:80 : backend
            upstream_status           -> 502, 200 : -
            upstream_connect_time     -> 0.001, 0.002 : -
            upstream_header_time      -> -, 0.010 : -
            upstream_response_time    -> 0.005, 0.015 : 0.000
            upstream_bytes_received   -> 0, 512 : 0
            upstream_bytes_sent       -> 120, 120 : 0
            upstream_response_length  -> 0, 400 : 0
            """)
    void upstreamStatesJoinAttemptsWithACommaAndGroupsWithAColon(String variable, String expected) {
        assertEquals(expected, at("$" + variable, retriedThenRedirected()));
    }

    @Test
    void upstreamVariablesAreNotFoundWithoutAnUpstream() {
        assertEquals("- - - -", at("$upstream_addr $upstream_status $upstream_response_time $upstream_bytes_sent",
                new Facts()));
        assertEquals("[]", Lines.render(Lines.format("escape=json", "[$upstream_addr]"), new Facts()));
    }

    @Test
    void aGroupMarkerAtTheEndLeavesTheSeparator() {
        Facts facts = new Facts().upstream(UpstreamState.attempt("a:1", 200, 1, 2, 3, 4, 5, 6), UpstreamState.NEW_GROUP);
        assertEquals("a:1 : ", at("$upstream_addr", facts));
    }

    @Test
    void upstreamTimesAreSecondsWithMilliseconds() {
        Facts facts = new Facts().upstream(UpstreamState.attempt("a:1", 200, 1234, 60000, 61001, 0, 0, 0));
        assertEquals("1.234 60.000 61.001", at("$upstream_connect_time $upstream_header_time $upstream_response_time", facts));
    }

    @Test
    void aPeerNameIsEscaped() {
        Facts facts = new Facts().upstream(UpstreamState.attempt("odd\"name", 502, 1, -1, 1, 0, 0, 0));
        assertEquals("odd\\x22name", at("$upstream_addr", facts));
    }

    @Test
    void everyOtherVariableIsAskedOfTheProxy() {
        Facts facts = new Facts().var("remote_addr", "192.0.2.1").var("request_id", "0123abcd");
        assertEquals("192.0.2.1 0123abcd -", at("$remote_addr $request_id $sent_http_location", facts));
    }
}
