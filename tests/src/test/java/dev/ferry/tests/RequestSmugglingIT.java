package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling and malformed requests end to end: every vector of the README's "Hostile
 * input" table gets Ferry's answer (the status, and whether the connection closes), a connection
 * that stays open is still in step (the next request gets its own answer), and whatever reaches
 * the backend is framed by Ferry alone: one Content-Length or chunked, never both, never the
 * client's bytes as they came.
 */
class RequestSmugglingIT {

    private static final boolean CLOSES = true;
    private static final boolean KEEPS = false;

    private static Path prefix;
    private static TestBackend backend;
    private static RunningFerry ferry;
    private static int port;
    private static int underscoresPort;
    private static int keepInvalidPort;
    private static final AtomicInteger FOLLOW_UPS = new AtomicInteger();

    /** A backend that answers every request with the request head and body it received. */
    private static TestBackend echo() throws IOException {
        return new TestBackend((request, out) -> {
            ByteArrayOutputStream echo = new ByteArrayOutputStream();
            echo.write(request.head.getBytes(StandardCharsets.ISO_8859_1));
            echo.write(request.readBody());
            if (request.body instanceof TestBackend.ChunkedInputStream chunked && !chunked.trailers.isEmpty()) {
                echo.write(("[trailers: " + chunked.trailers + "]").getBytes(StandardCharsets.ISO_8859_1));
            }
            TestBackend.respond(out, 200, "", echo.toByteArray());
            return true;
        });
    }

    @BeforeAll
    static void start() throws Exception {
        prefix = Files.createTempDirectory("ferry-smuggling");
        backend = echo();
        port = Launcher.freePort();
        underscoresPort = Launcher.freePort();
        keepInvalidPort = Launcher.freePort();
        String location = "location / { proxy_pass http://backend; }";
        ferry = RunningFerry.start(prefix, "error_log logs/error.log info;\nevents {}\nhttp {\n"
                + "  upstream backend { server 127.0.0.1:" + backend.port() + "; }\n"
                + "  server { listen 127.0.0.1:" + port + "; " + location + " }\n"
                + "  server { listen 127.0.0.1:" + port + "; server_name named.test; return 200 \"named server\"; }\n"
                + "  server { listen 127.0.0.1:" + underscoresPort + "; underscores_in_headers on; " + location + " }\n"
                + "  server { listen 127.0.0.1:" + keepInvalidPort + "; ignore_invalid_headers off; " + location + " }\n"
                + "}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            assertEquals(0, ferry.stop());
            for (TestBackend.Request request : backend.requests) {
                assertWellFramed(request.head);
            }
        } finally {
            ferry.close();
            backend.close();
        }
    }

    /**
     * @param name     the vector, as the README's table names it
     * @param bytes    exactly what the client sends
     * @param statuses the statuses Ferry answers with, in order
     * @param closes   whether Ferry closes the connection after them
     */
    record Vector(String name, byte[] bytes, List<Integer> statuses, boolean closes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Vector v(String name, String bytes, List<Integer> statuses, boolean closes) {
        return new Vector(name, bytes.getBytes(StandardCharsets.ISO_8859_1), statuses, closes);
    }

    /** Checked once against Debian's nginx 1.22.1: the README lists nginx's answer beside each. */
    static Stream<Vector> vectors() {
        return Stream.of(
                v("baseline GET", "GET /ok HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("CL+TE", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("TE+CL", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("two CL differing", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhelloX", List.of(400), CLOSES),
                v("two CL equal", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", List.of(400), CLOSES),
                v("CL list 5, 5", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\nhello", List.of(400), CLOSES),
                v("CL +5", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nhello", List.of(400), CLOSES),
                v("CL -1", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", List.of(400), CLOSES),
                v("CL 0x5", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 0x5\r\n\r\nhello", List.of(400), CLOSES),
                v("CL empty", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: \r\n\r\n", List.of(400), CLOSES),
                v("CL overflow", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", List.of(400), CLOSES),
                v("CL trailing space", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5 \r\n\r\nhello", List.of(200), KEEPS),
                v("CL 5 5 (space inside)", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5 5\r\n\r\nhello", List.of(400), CLOSES),
                v("TE gzip, chunked", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", List.of(501), CLOSES),
                v("TE chunked, gzip", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", List.of(501), CLOSES),
                v("TE identity", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\n\r\n", List.of(501), CLOSES),
                v("TE chunked,chunked", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", List.of(501), CLOSES),
                v("TE Chunked (case)", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: CHUNKED\r\n\r\n5\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("TE xchunked", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", List.of(501), CLOSES),
                v("TE chunked twice (2 lines)", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("TE empty", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \r\n\r\n", List.of(501), CLOSES),
                v("TE with HTTP/1.0", "POST /a HTTP/1.0\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("TE tab-separated value", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\tchunked\r\n\r\n0\r\n\r\n", List.of(501), CLOSES),
                v("TE obs-fold", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("obs-fold in X-A", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n", List.of(400), CLOSES),
                v("obs-fold tab", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\r\n\tb\r\n\r\n", List.of(400), CLOSES),
                v("space before colon CL", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length : 5\r\n\r\nhello", List.of(400), CLOSES),
                v("space before colon TE", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("tab before colon", "GET /a HTTP/1.1\r\nHost: h\r\nX-A\t: 1\r\n\r\n", List.of(400), CLOSES),
                v("space in name", "GET /a HTTP/1.1\r\nHost: h\r\nX A: 1\r\n\r\n", List.of(400), CLOSES),
                v("empty name", "GET /a HTTP/1.1\r\nHost: h\r\n: 1\r\n\r\n", List.of(400), CLOSES),
                v("line without colon", "GET /a HTTP/1.1\r\nHost: h\r\nXNoColon\r\n\r\n", List.of(400), CLOSES),
                v("name with underscore", "GET /a HTTP/1.1\r\nHost: h\r\nX_A: 1\r\n\r\n", List.of(200), KEEPS),
                v("name with dot", "GET /a HTTP/1.1\r\nHost: h\r\nX.A: 1\r\n\r\n", List.of(200), KEEPS),
                v("name with @", "GET /a HTTP/1.1\r\nHost: h\r\nX@A: 1\r\n\r\n", List.of(200), KEEPS),
                v("name with 8-bit", "GET /a HTTP/1.1\r\nHost: h\r\nX\u00e9A: 1\r\n\r\n", List.of(200), KEEPS),
                v("name with DEL", "GET /a HTTP/1.1\r\nHost: h\r\nX\u007fA: 1\r\n\r\n", List.of(400), CLOSES),
                v("name with ctl 0x01", "GET /a HTTP/1.1\r\nHost: h\r\nX\u0001A: 1\r\n\r\n", List.of(400), CLOSES),
                v("NUL in name", "GET /a HTTP/1.1\r\nHost: h\r\nX\u0000A: 1\r\n\r\n", List.of(400), CLOSES),
                v("NUL in value", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n", List.of(400), CLOSES),
                v("NUL in target", "GET /a\u0000b HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("NUL in method", "G\u0000ET /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("ctl 0x01 in value", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\u0001b\r\n\r\n", List.of(200), KEEPS),
                v("DEL in value", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\u007fb\r\n\r\n", List.of(200), KEEPS),
                v("8-bit in value", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\u00e9b\r\n\r\n", List.of(200), KEEPS),
                v("tab in value", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\tb\r\n\r\n", List.of(200), KEEPS),
                v("bare CR in value", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n", List.of(400), CLOSES),
                v("bare CR line end", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\rX-B: b\r\n\r\n", List.of(400), CLOSES),
                v("bare LF everywhere", "GET /a HTTP/1.1\nHost: h\nX-A: a\n\n", List.of(200), KEEPS),
                v("bare LF + CL body", "POST /a HTTP/1.1\nHost: h\nContent-Length: 5\n\nhello", List.of(200), KEEPS),
                v("CR CR LF", "GET /a HTTP/1.1\r\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("leading CRLFs", "\r\n\r\nGET /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("lowercase method", "get /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("method with digit", "G3T /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("method with underscore", "GE_T /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("method with dash", "GE-T /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("method token !", "GE!T /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("unknown method FOO", "FOO /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("tab separator", "GET\t/a\tHTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("two spaces", "GET  /a  HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("space in target", "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("ctl in target", "GET /a\u0001b HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("DEL in target", "GET /a\u007fb HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("8-bit in target", "GET /a\u00e9b HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("# in target", "GET /a#frag HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("target without slash", "GET a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("absolute-form", "GET http://other.test/p?q HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("absolute-form no path", "GET http://other.test HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("absolute-form https", "GET https://other.test/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("absolute-form userinfo", "GET http://u@other.test/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("absolute-form bad host", "GET http://a..b/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("authority-form CONNECT", "CONNECT other.test:443 HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("asterisk-form OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/0.9", "GET /a\r\n", List.of(400), CLOSES),
                v("HTTP/0.9 POST", "POST /a\r\n", List.of(400), CLOSES),
                v("HTTP/1.0 no Host", "GET /a HTTP/1.0\r\n\r\n", List.of(200), CLOSES),
                v("HTTP/1.1 no Host", "GET /a HTTP/1.1\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/1.2", "GET /a HTTP/1.2\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("HTTP/1.10", "GET /a HTTP/1.10\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/1.1000", "GET /a HTTP/1.1000\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/2.0", "GET /a HTTP/2.0\r\nHost: h\r\n\r\n", List.of(505), CLOSES),
                v("HTTP/3.0", "GET /a HTTP/3.0\r\nHost: h\r\n\r\n", List.of(505), CLOSES),
                v("HTTP/2", "GET /a HTTP/2\r\nHost: h\r\n\r\n", List.of(505), CLOSES),
                v("HTTP/1", "GET /a HTTP/1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/01.1", "GET /a HTTP/01.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("http/1.1 lowercase", "GET /a http/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTPS/1.1", "GET /a HTTPS/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/1.1 trailing space", "GET /a HTTP/1.1 \r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/1.1x", "GET /a HTTP/1.1x\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("h2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", List.of(400), CLOSES),
                v("two Host", "GET /a HTTP/1.1\r\nHost: h\r\nHost: other\r\n\r\n", List.of(400), CLOSES),
                v("empty Host", "GET /a HTTP/1.1\r\nHost:\r\n\r\n", List.of(400), CLOSES),
                v("Host with space", "GET /a HTTP/1.1\r\nHost: a b\r\n\r\n", List.of(400), CLOSES),
                v("chunk size zz", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size -1", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size 0x5", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size overflow", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff1\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size leading space", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size trailing space", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size empty", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size leading zeros", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0005\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("chunk ext", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("chunk ext ws", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5 ; a=\"b c\"\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("chunk ext bare LF inside", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;a\nb\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk ext NUL", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;a\u0000b\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk ext 64KiB", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;" + "a".repeat(65536) + "\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk ext 1MiB", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;" + "a".repeat(1048576) + "\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk data no CRLF", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n", List.of(400), CLOSES),
                v("chunk data LF only", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size LF only", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\n\n", List.of(400), CLOSES),
                v("chunk data longer than size", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("trailer after last chunk", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n", List.of(200), KEEPS),
                v("trailer obs-fold", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n 2\r\n\r\n", List.of(400), CLOSES),
                v("trailer Content-Length", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nContent-Length: 50\r\n\r\n", List.of(200), KEEPS),
                v("last chunk no final CRLF then GET", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("CL body overrun = pipelined", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /second HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200, 200), KEEPS),
                v("GET with body CL", "GET /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello", List.of(200), KEEPS),
                v("Expect unknown", "POST /a HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 5\r\n\r\nhello", List.of(200), KEEPS),
                v("Connection: close, CL", "POST /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhelloGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), CLOSES),
                v("Content-Length in Connection", "POST /a HTTP/1.1\r\nHost: h\r\nConnection: Content-Length\r\nContent-Length: 5\r\n\r\nhello", List.of(200), KEEPS),
                v("Upgrade h2c", "GET /a HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n", List.of(200), KEEPS),
                v("dup Authorization", "GET /a HTTP/1.1\r\nHost: h\r\nAuthorization: a\r\nAuthorization: b\r\n\r\n", List.of(400), CLOSES),
                v("dup If-Match", "GET /a HTTP/1.1\r\nHost: h\r\nIf-Match: a\r\nIf-Match: b\r\n\r\n", List.of(400), CLOSES),
                v("dup If-None-Match", "GET /a HTTP/1.1\r\nHost: h\r\nIf-None-Match: a\r\nIf-None-Match: b\r\n\r\n", List.of(400), CLOSES),
                v("dup If-Modified-Since", "GET /a HTTP/1.1\r\nHost: h\r\nIf-Modified-Since: a\r\nIf-Modified-Since: b\r\n\r\n", List.of(400), CLOSES),
                v("dup If-Unmodified-Since", "GET /a HTTP/1.1\r\nHost: h\r\nIf-Unmodified-Since: a\r\nIf-Unmodified-Since: b\r\n\r\n", List.of(400), CLOSES),
                v("dup If-Range", "GET /a HTTP/1.1\r\nHost: h\r\nIf-Range: a\r\nIf-Range: b\r\n\r\n", List.of(400), CLOSES),
                v("dup Content-Range", "GET /a HTTP/1.1\r\nHost: h\r\nContent-Range: a\r\nContent-Range: b\r\n\r\n", List.of(400), CLOSES),
                v("dup Expect", "GET /a HTTP/1.1\r\nHost: h\r\nExpect: a\r\nExpect: b\r\n\r\n", List.of(400), CLOSES),
                v("dup User-Agent", "GET /a HTTP/1.1\r\nHost: h\r\nUser-Agent: a\r\nUser-Agent: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Connection", "GET /a HTTP/1.1\r\nHost: h\r\nConnection: a\r\nConnection: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Content-Type", "GET /a HTTP/1.1\r\nHost: h\r\nContent-Type: a\r\nContent-Type: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Range", "GET /a HTTP/1.1\r\nHost: h\r\nRange: a\r\nRange: b\r\n\r\n", List.of(200), KEEPS),
                v("dup TE", "GET /a HTTP/1.1\r\nHost: h\r\nTE: a\r\nTE: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Upgrade", "GET /a HTTP/1.1\r\nHost: h\r\nUpgrade: a\r\nUpgrade: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Cookie", "GET /a HTTP/1.1\r\nHost: h\r\nCookie: a\r\nCookie: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Referer", "GET /a HTTP/1.1\r\nHost: h\r\nReferer: a\r\nReferer: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Keep-Alive", "GET /a HTTP/1.1\r\nHost: h\r\nKeep-Alive: a\r\nKeep-Alive: b\r\n\r\n", List.of(200), KEEPS),
                v("dup X-Forwarded-For", "GET /a HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: a\r\nX-Forwarded-For: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Accept-Encoding", "GET /a HTTP/1.1\r\nHost: h\r\nAccept-Encoding: a\r\nAccept-Encoding: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Via", "GET /a HTTP/1.1\r\nHost: h\r\nVia: a\r\nVia: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Destination", "GET /a HTTP/1.1\r\nHost: h\r\nDestination: a\r\nDestination: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Overwrite", "GET /a HTTP/1.1\r\nHost: h\r\nOverwrite: a\r\nOverwrite: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Depth", "GET /a HTTP/1.1\r\nHost: h\r\nDepth: a\r\nDepth: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Date", "GET /a HTTP/1.1\r\nHost: h\r\nDate: a\r\nDate: b\r\n\r\n", List.of(200), KEEPS),
                v("dup Accept", "GET /a HTTP/1.1\r\nHost: h\r\nAccept: a\r\nAccept: b\r\n\r\n", List.of(200), KEEPS),
                v("dup X-Real-IP", "GET /a HTTP/1.1\r\nHost: h\r\nX-Real-IP: a\r\nX-Real-IP: b\r\n\r\n", List.of(200), KEEPS),
                v("TRACE", "TRACE /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(405), CLOSES),
                v("HTTP/0.9 explicit", "GET /a HTTP/0.9\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/1.0 TE+CL", "POST /a HTTP/1.0\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello", List.of(400), CLOSES),
                v("CL leading zeros", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 005\r\n\r\nhello", List.of(200), KEEPS),
                v("CL tab after", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\t\r\n\r\nhello", List.of(400), CLOSES),
                v("CL tab before", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length:\t5\r\n\r\nhello", List.of(400), CLOSES),
                v("Host tab", "GET /a HTTP/1.1\r\nHost:\th\r\n\r\n", List.of(400), CLOSES),
                v("value trailing tab", "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\t\r\n\r\n", List.of(200), KEEPS),
                v("abs-form host with port", "GET http://other.test:8080/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("abs-form uppercase scheme", "GET HTTP://Other.Test/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("abs-form ipv6", "GET http://[::1]/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("abs-form query no path", "GET http://other.test?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("abs-form underscore host", "GET http://a_b.test/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("abs-form no host", "GET http:///p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("abs-form one slash", "GET http:/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("method 100 chars", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("leading LF only", "\nGET /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("leading space", " GET /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("leading ctl", "\u0001GET /a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("target %00", "GET /a%00b HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("target ..", "GET /../a HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("target backslash", "GET /a\\b HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("target tab", "GET /a\tb HTTP/1.1\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("header value leading spaces", "GET /a HTTP/1.1\r\nHost: h\r\nX-A:    a\r\n\r\n", List.of(200), KEEPS),
                v("header no space after colon", "GET /a HTTP/1.1\r\nHost: h\r\nX-A:a\r\n\r\n", List.of(200), KEEPS),
                v("header CR in name end", "GET /a HTTP/1.1\r\nHost: h\r\nX-A\r\n\r\n", List.of(400), CLOSES),
                v("header LF in name end", "GET /a HTTP/1.1\r\nHost: h\r\nX-A\n\r\n", List.of(400), CLOSES),
                v("HTTP/1.0 keep-alive CL", "POST /a HTTP/1.0\r\nHost: h\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello", List.of(200), KEEPS),
                v("CL huge within long", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 9223372036854775807\r\n\r\n", List.of(413), CLOSES),
                v("CL 2^63", "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 9223372036854775808\r\n\r\n", List.of(400), CLOSES),
                v("chunk size 16 digits", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000005\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("chunk size 7fffffffffffffff", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("chunk size tab ext", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\t;a\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("chunk size uppercase", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nA\r\nhellohello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("last chunk ext", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0;x=y\r\n\r\n", List.of(200), KEEPS),
                v("last chunk 000", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n000\r\n\r\n", List.of(200), KEEPS),
                v("trailer no colon", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nfoo\r\n\r\n", List.of(400), CLOSES),
                v("trailer NUL", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX: a\u0000b\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/10.0", "GET /a HTTP/10.0\r\nHost: h\r\n\r\n", List.of(505), CLOSES),
                v("HTTP/1.100", "GET /a HTTP/1.100\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("HTTP/1.0x", "GET /a HTTP/1.\r\nHost: h\r\n\r\n", List.of(400), CLOSES),
                v("GET / + space CRLF", "GET /a \r\n", List.of(400), CLOSES),
                v("chunk 5 ;a", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5 ;a\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("abs host:port no path", "GET http://o.test:81 HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("abs ipv6 port", "GET http://[::1]:81/p HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS),
                v("ext 8bit", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;\u00e9\r\nhello\r\n0\r\n\r\n", List.of(400), CLOSES),
                v("trailer CRLF LF end", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX: 1\n\n", List.of(200), KEEPS),
                v("TE chunked;q", "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked \r\n\r\n5\r\nhello\r\n0\r\n\r\n", List.of(200), KEEPS),
                v("many spaces before HTTP", "GET /a     HTTP/1.1\r\nHost: h\r\n\r\n", List.of(200), KEEPS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void eachVectorGetsItsAnswerAndTheConnectionStaysInStep(Vector v) throws Exception {
        int before = backend.requests.size();
        int proxied = (int) v.statuses().stream().filter(s -> s == 200).count();
        try (RawClient client = new RawClient(port)) {
            client.socket.setSoTimeout(10_000);
            try {
                client.out.write(v.bytes());
                client.out.flush();
            } catch (SocketException e) {
                // Ferry answered and closed before the client was done writing (a 1 MiB line): read what came.
            }
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < v.statuses().size(); i++) {
                statuses.add(client.read().status());
            }
            assertEquals(v.statuses(), statuses);
            if (v.closes()) {
                assertTrue(closedOrReset(client), "the connection is closed after the answer");
            } else {
                String path = "/follow-up-" + FOLLOW_UPS.incrementAndGet();
                client.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response next = client.read();
                assertEquals(200, next.status());
                assertTrue(next.text().startsWith("GET " + path + " HTTP/1.1\r\n"),
                        "the next request gets its own answer: " + next.text());
                proxied++;
            }
        }
        int expected = proxied;
        Launcher.await("the backend to see " + expected + " requests", Duration.ofSeconds(5),
                () -> backend.requests.size() - before >= expected);
        assertEquals(expected, backend.requests.size() - before, "only what Ferry answered with 200 reached the backend");
    }

    private static boolean closedOrReset(RawClient client) throws IOException {
        try {
            return client.closedByPeer();
        } catch (SocketException e) {
            return true; // closed with unread client bytes: the kernel sends a reset
        }
    }

    @Test
    void aChunkedBodyHidingARequestReachesTheBackendAsOneBody() throws Exception {
        String hidden = "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n";
        try (RawClient client = new RawClient(port)) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(hidden.length()) + "\r\n" + hidden + "\r\n0\r\n\r\n");
            String echoed = client.read().text();
            assertTrue(echoed.startsWith("POST /upload HTTP/1.1\r\n"), echoed);
            assertTrue(echoed.contains("\r\nContent-Length: " + hidden.length() + "\r\n"), "a small body is sent with its length: " + echoed);
            assertFalse(echoed.toLowerCase(Locale.ROOT).contains("transfer-encoding"), echoed);
            assertTrue(echoed.endsWith("\r\n\r\n" + hidden), "the hidden request is body bytes: " + echoed);
            client.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(client.read().text().startsWith("GET /after HTTP/1.1\r\n"), "the next answer is the next request's");
        }
        assertNoSmuggledRequest();
    }

    @Test
    void aStreamedChunkedBodyIsRechunkedAndLosesItsTrailers() throws Exception {
        String piece = "x".repeat(40_000) + "\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n";
        try (RawClient client = new RawClient(port)) {
            client.send("POST /big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n"
                    + Integer.toHexString(piece.length()) + ";ext=1\r\n" + piece + "\r\n"
                    + Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n0\r\nX-T: smuggled\r\n\r\n");
            String echoed = client.read().text();
            assertTrue(echoed.contains("\r\nTransfer-Encoding: chunked\r\n"), "past client_body_buffer_size the body streams chunked");
            assertFalse(echoed.contains("Trailer:"), "the Trailer header is not passed");
            assertFalse(echoed.contains("[trailers:"), "trailers are not passed: " + echoed.substring(echoed.length() - 200));
            assertTrue(echoed.endsWith(piece + piece), "the body arrives whole and exact");
        }
        assertNoSmuggledRequest();
    }

    @Test
    void aContentLengthBodyHidingRequestsIsOneBody() throws Exception {
        String hidden = "GET /smuggled HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n";
        try (RawClient client = new RawClient(port)) {
            client.send("PUT /put HTTP/1.1\r\nHost: h\r\nContent-Length: " + hidden.length() + "\r\n\r\n" + hidden
                    + "GET /after HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(client.read().text().endsWith("\r\n\r\n" + hidden));
            assertTrue(client.read().text().startsWith("GET /after HTTP/1.1\r\n"));
        }
        assertNoSmuggledRequest();
    }

    @Test
    void requestsPipelinedAfterARefusedOneNeverReachTheBackend() throws Exception {
        int before = backend.requests.size();
        try (RawClient client = new RawClient(port)) {
            client.send("GET /first HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /bad HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                    + "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(200, client.read().status());
            RawClient.Response refused = client.read();
            assertEquals(400, refused.status());
            assertEquals("close", refused.header("Connection"));
            assertTrue(closedOrReset(client));
        }
        assertEquals(1, backend.requests.size() - before);
        assertNoSmuggledRequest();
        assertTrue(ferry.errorLog().contains("client sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time"
                + " while reading client request headers, client: 127.0.0.1"), ferry.errorLog());
    }

    @Test
    void invalidHeaderNamesAreDroppedUnlessTheServerSaysOtherwise() throws Exception {
        String request = "GET /names HTTP/1.1\r\nHost: h\r\nX_Under: 1\r\nX.Dot: 2\r\nX@At: 3\r\nX-Fine: 4\r\n\r\n";
        try (RawClient client = new RawClient(port)) {
            String echoed = client.send(request).read().text();
            assertTrue(echoed.contains("X-Fine: 4\r\n"));
            assertFalse(echoed.contains("X_Under") || echoed.contains("X.Dot") || echoed.contains("X@At"), echoed);
        }
        try (RawClient client = new RawClient(underscoresPort)) {
            String echoed = client.send(request).read().text();
            assertTrue(echoed.contains("X_Under: 1\r\n"), "underscores_in_headers on: " + echoed);
            assertFalse(echoed.contains("X.Dot") || echoed.contains("X@At"), echoed);
        }
        try (RawClient client = new RawClient(keepInvalidPort)) {
            String echoed = client.send(request).read().text();
            assertTrue(echoed.contains("X_Under: 1\r\nX.Dot: 2\r\nX@At: 3\r\nX-Fine: 4\r\n"), "ignore_invalid_headers off: " + echoed);
        }
        assertTrue(ferry.errorLog().contains("[info]") && ferry.errorLog().contains("client sent invalid header line: \"X_Under: 1\""
                + " while reading client request headers"), ferry.errorLog());
    }

    @Test
    void anAbsoluteFormTargetChoosesTheServerAndGoesUpstreamInOriginForm() throws Exception {
        try (RawClient client = new RawClient(port)) {
            assertEquals("named server", client.send("GET http://named.test/x HTTP/1.1\r\nHost: h\r\n\r\n").read().text(),
                    "the target's host wins over Host (RFC 9112 §3.2.2)");
            String echoed = client.send("GET http://h:81?q=1 HTTP/1.1\r\nHost: named.test\r\n\r\n").read().text();
            assertTrue(echoed.startsWith("GET /?q=1 HTTP/1.1\r\n"), echoed);
        }
    }

    @Test
    void traceIsNotAllowed() throws Exception {
        try (RawClient client = new RawClient(port)) {
            RawClient.Response r = client.send("TRACE / HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(405, r.status());
            assertTrue(r.text().contains("<title>405 Not Allowed</title>"));
        }
    }

    private static void assertNoSmuggledRequest() {
        synchronized (backend.requests) {
            for (TestBackend.Request request : backend.requests) {
                assertFalse(request.requestLine().contains("/smuggled"), "a smuggled request reached the backend");
            }
        }
    }

    /** What Ferry sends upstream is framed one way only, in RFC 9112 syntax with CRLFs. */
    static void assertWellFramed(String head) {
        String[] lines = head.split("\r\n", -1);
        assertTrue(lines[0].matches("[A-Z_-]+ /\\S* HTTP/1\\.1"), "request line: " + lines[0]);
        Set<String> names = new HashSet<>();
        int lengths = 0;
        String te = null;
        for (int i = 1; i < lines.length - 2; i++) {
            String line = lines[i];
            assertFalse(line.contains("\r") || line.contains("\n") || line.contains("\0"), "line: " + line);
            int colon = line.indexOf(':');
            assertTrue(colon > 0, "header line: " + line);
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            assertFalse(name.isBlank() || Character.isWhitespace(line.charAt(0)) || Character.isWhitespace(line.charAt(colon - 1)),
                    "header line: " + line);
            if (name.equals("content-length")) {
                lengths++;
                assertTrue(line.substring(colon + 1).strip().matches("\\d+"), line);
            }
            if (name.equals("transfer-encoding")) {
                assertNull(te, "one Transfer-Encoding");
                te = line.substring(colon + 1).strip();
                assertEquals("chunked", te);
            }
            names.add(name);
        }
        assertTrue(lengths <= 1, "at most one Content-Length: " + head);
        assertFalse(lengths == 1 && te != null, "never both framings: " + head);
        assertTrue(names.contains("host"), head);
    }
}
