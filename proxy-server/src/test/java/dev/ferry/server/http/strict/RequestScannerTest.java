package dev.ferry.server.http.strict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** nginx's request syntax, byte by byte: what passes, and what is refused with which status and words. */
class RequestScannerTest {

    private static final String H = "Host: h\r\n";
    private static final String CHUNKED = "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n";

    /**
     * @param what    the vector, as the README table names it
     * @param bytes   what the client sends
     * @param status  0 when every byte passes, else the refusal's status
     * @param message a part of the refusal's log text (or of the phase, for passes: unused)
     */
    record Case(String what, String bytes, int status, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static Case pass(String what, String bytes) {
        return new Case(what, bytes, 0, null);
    }

    private static Case refuse(String what, String bytes, int status, String message) {
        return new Case(what, bytes, status, message);
    }

    static Stream<Case> cases() {
        return Stream.of(
                pass("a plain GET", "GET / HTTP/1.1\r\n" + H + "\r\n"),
                pass("pipelined requests with bodies", "POST /a HTTP/1.1\r\n" + H + "Content-Length: 3\r\n\r\nabc"
                        + "GET /b HTTP/1.1\r\n" + H + "\r\n" + CHUNKED + "5\r\nhello\r\n0\r\n\r\nGET /c HTTP/1.0\r\n\r\n"),
                pass("empty lines before the request line", "\r\n\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n"),
                pass("bare LF line ends (nginx accepts them)", "GET / HTTP/1.1\nHost: h\nX: y\n\n"),
                pass("several spaces between the parts", "GET   /a   HTTP/1.1\r\n" + H + "\r\n"),
                pass("spaces after the version", "GET /a HTTP/1.1  \r\n" + H + "\r\n"),
                pass("methods of capitals, '_' and '-'", "GE_T-X /a HTTP/1.1\r\n" + H + "\r\n"),
                pass("absolute-form", "GET http://other.test:81/p?q HTTP/1.1\r\n" + H + "\r\n"),
                pass("absolute-form without a path", "GET http://other.test HTTP/1.1\r\n" + H + "\r\n"),
                pass("absolute-form IPv6", "GET http://[::1]:81/p HTTP/1.1\r\n" + H + "\r\n"),
                pass("8-bit bytes and '#' in the target", "GET /a\u00e9b#f HTTP/1.1\r\n" + H + "\r\n"),
                pass("HTTP/1.2 counts as 1.x", "GET / HTTP/1.2\r\n" + H + "\r\n"),
                pass("names nginx only ignores", "GET / HTTP/1.1\r\n" + H + "X_A: 1\r\nX@B: 2\r\nX\u00e9C: 3\r\n\r\n"),
                pass("controls other than NUL and CR in a value", "GET / HTTP/1.1\r\n" + H + "X: a\u0001\u007fb\tc\r\n\r\n"),
                pass("a trailing space after Content-Length", "POST / HTTP/1.1\r\n" + H + "Content-Length: 3 \r\n\r\nabc"),
                pass("Content-Length with leading zeros", "POST / HTTP/1.1\r\n" + H + "Content-Length: 003\r\n\r\nabc"),
                pass("Transfer-Encoding in capitals", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n"),
                pass("duplicates of headers nginx lists", "GET / HTTP/1.1\r\n" + H + "Cookie: a\r\nCookie: b\r\nAccept: x\r\nAccept: y\r\n\r\n"),
                pass("chunk extensions", CHUNKED + "5 ; a=\"b c\"\r\nhello\r\n0;x\r\n\r\n"),
                pass("chunk sizes with leading zeros and capitals", CHUNKED + "000A\r\nhellohello\r\n0000\r\n\r\n"),
                pass("trailers", CHUNKED + "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"),
                pass("a body that looks like requests", "POST / HTTP/1.1\r\n" + H + "Content-Length: 37\r\n\r\n"
                        + "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n\r\n"),

                refuse("Content-Length and Transfer-Encoding", "POST / HTTP/1.1\r\n" + H
                        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "headers at the same time"),
                refuse("Transfer-Encoding and Content-Length", "POST / HTTP/1.1\r\n" + H
                        + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400, "headers at the same time"),
                refuse("two differing Content-Lengths", "POST / HTTP/1.1\r\n" + H
                        + "Content-Length: 5\r\nContent-Length: 6\r\n", 400,
                        "duplicate header line: \"Content-Length: 6\", previous value: \"Content-Length: 5\""),
                refuse("two equal Content-Lengths", "POST / HTTP/1.1\r\n" + H
                        + "Content-Length: 5\r\ncontent-length: 5\r\n", 400, "duplicate header line"),
                refuse("a Content-Length list", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5, 5\r\n\r\n", 400,
                        "invalid \"Content-Length\" header"),
                refuse("a signed Content-Length", "POST / HTTP/1.1\r\n" + H + "Content-Length: +5\r\n\r\n", 400,
                        "invalid \"Content-Length\" header"),
                refuse("an empty Content-Length", "POST / HTTP/1.1\r\n" + H + "Content-Length:\r\n\r\n", 400,
                        "invalid \"Content-Length\" header"),
                refuse("a Content-Length over 2^63", "POST / HTTP/1.1\r\n" + H + "Content-Length: 9223372036854775808\r\n\r\n",
                        400, "invalid \"Content-Length\" header"),
                refuse("a tab after Content-Length", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\t\r\n\r\n", 400,
                        "invalid \"Content-Length\" header"),
                refuse("Transfer-Encoding gzip, chunked", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n",
                        501, "unknown \"Transfer-Encoding\": \"gzip, chunked\""),
                refuse("Transfer-Encoding chunked, chunked", "POST / HTTP/1.1\r\n" + H
                        + "Transfer-Encoding: chunked, chunked\r\n\r\n", 501, "unknown \"Transfer-Encoding\""),
                refuse("Transfer-Encoding identity", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: identity\r\n\r\n", 501,
                        "unknown \"Transfer-Encoding\""),
                refuse("a tab before chunked", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding:\tchunked\r\n\r\n", 501,
                        "unknown \"Transfer-Encoding\": \"\\x09chunked\""),
                refuse("two Transfer-Encoding lines", "POST / HTTP/1.1\r\n" + H
                        + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400, "duplicate header line"),
                refuse("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n",
                        400, "HTTP/1.0 request with \"Transfer-Encoding\" header"),
                refuse("obs-fold", "GET / HTTP/1.1\r\n" + H + "X-A: a\r\n b\r\n", 400, "invalid header line: \"\\x20...\""),
                refuse("obs-fold with a tab", "GET / HTTP/1.1\r\n" + H + "X-A: a\r\n\tb\r\n", 400, "\"\\x09...\""),
                refuse("Transfer-Encoding folded", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding:\r\n chunked\r\n", 400,
                        "invalid header line"),
                refuse("a space before the colon", "POST / HTTP/1.1\r\n" + H + "Content-Length : 5\r\n", 400,
                        "invalid header line: \"Content-Length\\x20...\""),
                refuse("a tab before the colon", "GET / HTTP/1.1\r\n" + H + "X-A\t: 1\r\n", 400, "\"X-A\\x09...\""),
                refuse("an empty name", "GET / HTTP/1.1\r\n" + H + ": 1\r\n", 400, "\"\\x3a...\""),
                refuse("a line without a colon", "GET / HTTP/1.1\r\n" + H + "NoColon\r\n", 400, "\"NoColon\\x0d...\""),
                refuse("DEL in a name", "GET / HTTP/1.1\r\n" + H + "X\u007fA: 1\r\n", 400, "\"X\\x7f...\""),
                refuse("NUL in a name", "GET / HTTP/1.1\r\n" + H + "X\u0000A: 1\r\n", 400, "\"X\\x00...\""),
                refuse("NUL in a value", "GET / HTTP/1.1\r\n" + H + "X-A: a\u0000b\r\n", 400, "\"X-A: a\\x00...\""),
                refuse("a bare CR in a value", "GET / HTTP/1.1\r\n" + H + "X-A: a\rb\r\n", 400, "\"X-A: a\\x0d...\""),
                refuse("a bare CR ending the head", "GET / HTTP/1.1\r\n" + H + "\rX", 400, "invalid header line"),
                refuse("NUL in the method", "G\u0000ET / HTTP/1.1\r\n", 400, "client sent invalid method"),
                refuse("a lowercase method", "get / HTTP/1.1\r\n", 400, "client sent invalid method"),
                refuse("a digit in the method", "G3T / HTTP/1.1\r\n", 400, "client sent invalid method"),
                refuse("a tab after the method", "GET\t/ HTTP/1.1\r\n", 400, "client sent invalid method"),
                refuse("a space before the method", " GET / HTTP/1.1\r\n", 400, "client sent invalid method"),
                refuse("a control before the method", "\u0001GET / HTTP/1.1\r\n", 400, "client sent invalid method"),
                refuse("NUL in the target", "GET /a\u0000b HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("a control in the target", "GET /a\u0001b HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("DEL in the target", "GET /a\u007fb HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("a tab in the target", "GET /a\tb HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("a space in the target", "GET /a b HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("a target without a slash", "GET a HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("asterisk-form", "OPTIONS * HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("authority-form", "CONNECT other.test:443 HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("userinfo in absolute-form", "GET http://u@h/ HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("an underscore in an absolute-form host", "GET http://a_b/ HTTP/1.1\r\n", 400, "invalid request"),
                refuse("one slash after the scheme", "GET http:/p HTTP/1.1\r\n", 400, "client sent invalid request"),
                refuse("HTTP/0.9", "GET /a\r\n", 400, "HTTP/0.9 request"),
                refuse("HTTP/0.9 POST", "POST /a\r\n", 400, "invalid method in HTTP/0.9 request"),
                refuse("HTTP/0.9 spelled out", "GET / HTTP/0.9\r\n", 400, "client sent invalid request"),
                refuse("HTTP/2.0", "GET / HTTP/2.0\r\n", 505, "client sent invalid version"),
                refuse("HTTP/2", "GET / HTTP/2\r\n", 505, "client sent invalid version"),
                refuse("HTTP/10.0", "GET / HTTP/10.0\r\n", 505, "client sent invalid version"),
                refuse("the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, "client sent invalid request"),
                refuse("HTTP/1 without a minor", "GET / HTTP/1\r\n", 400, "client sent invalid request"),
                refuse("HTTP/1.1000", "GET / HTTP/1.1000\r\n", 400, "client sent invalid request"),
                refuse("a lowercase protocol", "GET / http/1.1\r\n", 400, "client sent invalid request"),
                refuse("HTTPS/1.1", "GET / HTTPS/1.1\r\n", 400, "client sent invalid request"),
                refuse("a bare CR after the version", "GET / HTTP/1.1\rX", 400, "client sent invalid request"),
                refuse("two Hosts", "GET / HTTP/1.1\r\n" + H + "Host: other\r\n", 400,
                        "duplicate host header: \"Host: other\", previous value: \"Host: h\""),
                refuse("a tab in Host", "GET / HTTP/1.1\r\nHost:\th\r\n\r\n", 400, "invalid host header"),
                refuse("two Authorizations", "GET / HTTP/1.1\r\n" + H + "Authorization: a\r\nAuthorization: b\r\n", 400,
                        "duplicate header line"),
                refuse("two Expects", "GET / HTTP/1.1\r\n" + H + "Expect: a\r\nExpect: b\r\n", 400, "duplicate header line"),
                refuse("two If-None-Matches", "GET / HTTP/1.1\r\n" + H + "If-None-Match: a\r\nIf-None-Match: b\r\n", 400,
                        "duplicate header line"),
                refuse("a chunk size that is not hex", CHUNKED + "zz\r\n", 400, "invalid chunked body"),
                refuse("a negative chunk size", CHUNKED + "-1\r\n", 400, "invalid chunked body"),
                refuse("a 0x chunk size", CHUNKED + "0x5\r\n", 400, "invalid chunked body"),
                refuse("an empty chunk size", CHUNKED + "\r\n", 400, "invalid chunked body"),
                refuse("a chunk size over 2^63", CHUNKED + "fffffffffffffffff1\r\n", 400, "invalid chunked body"),
                refuse("a space before the chunk size", CHUNKED + " 5\r\n", 400, "invalid chunked body"),
                refuse("a space after the chunk size", CHUNKED + "5 \r\n", 400, "invalid chunked body"),
                refuse("a bare LF after the chunk size", CHUNKED + "5\nhello", 400, "invalid chunked body"),
                refuse("a bare LF in a chunk extension", CHUNKED + "5;a\nb\r\n", 400, "invalid chunked body"),
                refuse("NUL in a chunk extension", CHUNKED + "5;a\u0000b\r\n", 400, "invalid chunked body"),
                refuse("chunk data without CRLF", CHUNKED + "5\r\nhelloXX0\r\n\r\n", 400, "invalid chunked body"),
                refuse("chunk data with a bare LF", CHUNKED + "5\r\nhello\n0\r\n\r\n", 400, "invalid chunked body"),
                refuse("chunk data longer than its size", CHUNKED + "3\r\nhello\r\n", 400, "invalid chunked body"),
                refuse("a request where the trailers should end", CHUNKED + "5\r\nhello\r\n0\r\nGET /smuggled HTTP/1.1\r\n",
                        400, "invalid chunked body"),
                refuse("obs-fold in the trailers", CHUNKED + "0\r\nX: 1\r\n 2\r\n", 400, "invalid chunked body"),
                pass("a header line of 8190 bytes with its CRLF", "GET / HTTP/1.1\r\n" + H + "X-Long: " + "a".repeat(8180)
                        + "\r\n\r\n"),
                refuse("a header line over one 8k buffer", "GET / HTTP/1.1\r\n" + H + "X-Long: " + "a".repeat(8185) + "\r\n", 494,
                        "client sent too long header line: \"X-Long: aaa"),
                pass("1000 header lines", "GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(999) + H + "\r\n"),
                refuse("1001 header lines", "GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(1000) + H + "\r\n", 494,
                        "client sent too many header lines"),
                refuse("the second request of a pipeline", "GET /a HTTP/1.1\r\n" + H + "\r\nGET /b HTTP/1.1\r\n" + H
                        + "X: \u0000", 400, "invalid header line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachVectorPassesOrIsRefusedAsNginxWould(Case c) {
        byte[] bytes = c.bytes().getBytes(StandardCharsets.ISO_8859_1);
        RequestScanner scanner = new RequestScanner();
        int accepted = scanner.feed(bytes);
        if (c.status() == 0) {
            assertNull(scanner.refusal(), () -> "refused: " + scanner.refusal());
            assertEquals(bytes.length, accepted);
        } else {
            Refusal refusal = scanner.refusal();
            assertNotNull(refusal, "passed");
            assertEquals(c.status(), refusal.status(), refusal.toString());
            assertTrue(refusal.message().contains(c.message()), refusal.message());
            assertTrue(accepted < bytes.length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void feedingOneByteAtATimeGivesTheSameAnswer(Case c) {
        byte[] bytes = c.bytes().getBytes(StandardCharsets.ISO_8859_1);
        RequestScanner whole = new RequestScanner();
        int acceptedWhole = whole.feed(bytes);
        RequestScanner bytewise = new RequestScanner();
        int accepted = 0;
        for (byte b : bytes) {
            int n = bytewise.feed(new byte[] {b});
            accepted += n;
            if (n == 0) {
                break;
            }
        }
        assertEquals(acceptedWhole, accepted);
        assertEquals(whole.refusal(), bytewise.refusal());
    }

    @Test
    void aRefusalInTheHeadersNamesTheRequest() {
        RequestScanner scanner = new RequestScanner();
        scanner.feed(("PUT /x?y HTTP/1.0\r\n" + H + "Content-Length: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        Refusal refusal = scanner.refusal();
        assertEquals(new Refusal(400, "client sent invalid \"Content-Length\" header", Refusal.Phase.HEADERS, "PUT", "/x?y", 0),
                refusal);
    }

    @Test
    void aRefusalInTheRequestLineNamesNoRequest() {
        RequestScanner scanner = new RequestScanner();
        scanner.feed("GET /a\u0001 HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertNull(scanner.refusal().method());
        assertEquals(Refusal.Phase.REQUEST_LINE, scanner.refusal().phase());
    }

    @Test
    void aBodyIsSkippedWithoutLookingAtIt() {
        RequestScanner scanner = new RequestScanner();
        byte[] head = ("POST / HTTP/1.1\r\n" + H + "Content-Length: 4\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(head.length, scanner.feed(head));
        assertEquals(4, scanner.feed(new byte[] {0, '\r', ' ', 0x7f}), "any bytes are a body's");
        assertEquals(0, scanner.feed(new byte[] {' '}), "but the next request must start properly: a space is refused");
    }

    @Test
    void theRefusedByteIsTheFirstNotAccepted() {
        RequestScanner scanner = new RequestScanner();
        String text = "GET / HTTP/1.1\r\n" + H + "X-A: a\u0000b\r\n\r\n";
        int accepted = scanner.feed(text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(text.indexOf('\u0000'), accepted);
        assertEquals(0, scanner.feed("more".getBytes(StandardCharsets.ISO_8859_1)), "nothing passes after a refusal");
    }

    /** $request_length's head part: the bytes of the line and fields as sent, once per head. */
    @ParameterizedTest
    @MethodSource("heads")
    void measuresEachHeadAsSent(String head, String after) {
        RequestScanner scanner = new RequestScanner();
        scanner.feed((head + after).getBytes(StandardCharsets.ISO_8859_1));
        String counted = head.replaceFirst("^[\\r\\n]+", ""); // empty lines before the request are not its bytes
        assertEquals(counted.length(), scanner.takeHeadBytes(), head);
        assertEquals(-1, scanner.takeHeadBytes(), "taken once");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> heads() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("GET / HTTP/1.1\r\n" + H + "\r\n", ""),
                org.junit.jupiter.params.provider.Arguments.of("\r\n\r\nGET /x HTTP/1.0\r\n\r\n", ""),
                org.junit.jupiter.params.provider.Arguments.of("GET / HTTP/1.1\nHost:h\nX-A:   spaced   \n\n", ""),
                org.junit.jupiter.params.provider.Arguments.of("POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\n", "hello"),
                org.junit.jupiter.params.provider.Arguments.of(CHUNKED, "5\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n"));
    }
}
