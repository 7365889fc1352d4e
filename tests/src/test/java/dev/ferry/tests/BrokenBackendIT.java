package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken backends, each with nginx's outcome (checked against nginx 1.22.1 once: the README
 * lists both) and its error-log line; afterwards the pool is not poisoned (the next request
 * gets its own answer), and Ferry holds no more file descriptors than before (no connection
 * leaks) and Netty's paranoid leak detector reported no buffer.
 */
class BrokenBackendIT {

    private static Path prefix;
    private static BrokenBackend backend;
    private static RunningFerry ferry;
    private static int port;
    private static long pid;
    private static long fdsAtStart;

    @BeforeAll
    static void start() throws Exception {
        prefix = Files.createTempDirectory("ferry-broken");
        backend = new BrokenBackend();
        port = Launcher.freePort();
        int dead = Launcher.freePort();
        ferry = RunningFerry.start(prefix, "error_log logs/error.log info;\nevents {}\nhttp {\n"
                + "  upstream broken { server 127.0.0.1:" + backend.port() + "; keepalive 8; keepalive_timeout 1s; }\n"
                + "  server {\n    listen 127.0.0.1:" + port + ";\n"
                + "    location /b/ { proxy_pass http://broken; proxy_read_timeout 1s; }\n"
                + "    location /refused/ { proxy_pass http://127.0.0.1:" + dead + "; }\n"
                + "  }\n}\n");
        pid = ProcessStats.pid(ferry);
        fdsAtStart = ProcessStats.openFds(pid);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            // Every upstream and client connection of the tests is gone once the pool's keepalive_timeout passed.
            Launcher.await("Ferry's open descriptors back at " + fdsAtStart, Duration.ofSeconds(10),
                    () -> fds() <= fdsAtStart);
            assertEquals(0, ferry.stop());
        } finally {
            ferry.close();
            backend.close();
        }
    }

    private static long fds() {
        try {
            return ProcessStats.openFds(pid);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static RawClient.Response get(RawClient client, String path) throws IOException {
        return client.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").read();
    }

    private static void assertLogged(String text) throws InterruptedException {
        Launcher.await("the error log to say: " + text, Duration.ofSeconds(5), () -> ferry.errorLog().contains(text));
    }

    /** The pool is not poisoned: a good request right after gets its own answer. */
    private static void assertNextRequestIsServed() throws IOException {
        try (RawClient client = new RawClient(port)) {
            RawClient.Response ok = get(client, "/b/ok");
            assertEquals(200, ok.status());
            assertEquals("ok", ok.text());
        }
    }

    private static boolean closedOrReset(RawClient client) throws IOException {
        try {
            return client.closedByPeer();
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void aRefusingBackendIs502() throws Exception {
        try (RawClient client = new RawClient(port)) {
            assertEquals(502, get(client, "/refused/x").status());
        }
        assertLogged("connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1");
    }

    @Test
    void aBackendThatClosesWithoutAnAnswerIs502() throws Exception {
        try (RawClient client = new RawClient(port)) {
            assertEquals(502, get(client, "/b/close").status());
            assertEquals(200, get(client, "/b/ok").status(), "the client connection stays");
        }
        assertLogged("upstream prematurely closed connection while reading response header from upstream");
        assertNextRequestIsServed();
    }

    @Test
    void aResetInTheHeadIs502() throws Exception {
        try (RawClient client = new RawClient(port)) {
            assertEquals(502, get(client, "/b/reset-head").status());
        }
        assertLogged("recv() failed (104: Connection reset by peer) while reading response header from upstream");
        assertNextRequestIsServed();
    }

    @Test
    void aResetInTheBodyTruncatesTheResponseAndClosesTheClient() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /b/reset-body HTTP/1.1\r\nHost: h\r\n\r\n");
            byte[] all = client.in.readAllBytes(); // until Ferry closes
            String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
            assertTrue(text.contains("\r\nContent-Length: 100\r\n"), text);
            assertTrue(text.endsWith("\r\n\r\n0123456789"), "ten of the hundred bytes, then the close: " + text);
        }
        assertLogged("recv() failed (104: Connection reset by peer) while reading upstream");
        assertNextRequestIsServed();
    }

    @Test
    void aGarbageStatusLineIs502() throws Exception {
        try (RawClient client = new RawClient(port)) {
            RawClient.Response r = get(client, "/b/garbage");
            assertEquals(502, r.status(), "SPEC §9: a 502, not nginx's HTTP/0.9 pass-through");
        }
        assertLogged("upstream sent no valid HTTP/1.0 header while reading response header from upstream");
        assertNextRequestIsServed();
    }

    @Test
    void bytesBeyondContentLengthReachNobody() throws Exception {
        try (RawClient client = new RawClient(port)) {
            assertEquals("hello", get(client, "/b/extra").text());
            for (int i = 0; i < 5; i++) {
                assertEquals("ok", get(client, "/b/ok").text(), "never the extra response");
            }
        }
        assertLogged("upstream sent more data than specified in \"Content-Length\" header while reading upstream");
    }

    @Test
    void aSilentBackendIs504AfterTheReadTimeout() throws Exception {
        try (RawClient client = new RawClient(port)) {
            long start = System.nanoTime();
            assertEquals(504, get(client, "/b/silent").status());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 900 && millis < 2900, "after proxy_read_timeout 1s: " + millis + " ms");
        }
        assertLogged("upstream timed out (110: Connection timed out) while reading response header from upstream");
    }

    @Test
    void aLateAnswerIs504AndReachesNobody() throws Exception {
        try (RawClient client = new RawClient(port)) {
            assertEquals(504, get(client, "/b/slow").status());
            assertEquals("ok", get(client, "/b/ok").text());
        }
        Thread.sleep(700); // the late answer comes at 1.5 s: give it the chance to go wrong
        assertNextRequestIsServed();
    }

    @Test
    void aTrickledHeadTimesOutAsInNginx() throws Exception {
        // nginx's read timer for the head starts when the request is sent and partial reads do not
        // restart it (ngx_http_upstream_process_header): 40 bytes at 20 a second exceed 1 s.
        try (RawClient client = new RawClient(port)) {
            assertEquals(504, get(client, "/b/trickle-head").status());
        }
    }

    @Test
    void aTrickledBodyIsKeptAliveByEveryByte() throws Exception {
        try (RawClient client = new RawClient(port)) {
            long start = System.nanoTime();
            RawClient.Response r = get(client, "/b/trickle-body");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("0123456789", r.text());
            assertTrue(millis > 2500, "it took longer than proxy_read_timeout, between reads: " + millis + " ms");
        }
    }

    @Test
    void aBodyThatStallsIsCutAfterTheReadTimeout() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /b/stall-body HTTP/1.1\r\nHost: h\r\n\r\n");
            String text = new String(client.in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n") && text.endsWith("\r\n\r\n01234"), text);
        }
        assertLogged("upstream timed out (110: Connection timed out) while reading upstream");
    }

    @Test
    void aHundredMebibyteHeadIs502AndIsNotRead() throws Exception {
        try (RawClient client = new RawClient(port)) {
            assertEquals(502, get(client, "/b/big-head").status());
        }
        assertLogged("upstream sent too big header while reading response header from upstream");
        Launcher.await("the backend to give up writing", Duration.ofSeconds(10), () -> backend.bigHeadWritten.get() >= 0);
        assertTrue(backend.bigHeadWritten.get() < 32L << 20,
                "Ferry closed long before 100 MiB: " + backend.bigHeadWritten.get() + " bytes written (kernel buffers included)");
        assertNextRequestIsServed();
    }
}
