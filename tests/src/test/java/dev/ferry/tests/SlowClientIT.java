package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow clients: a head or body trickled byte by byte is cut off by client_header_timeout (for the
 * whole head, as nginx times it) or client_body_timeout (between two reads), a body Ferry does
 * not need is not read forever, and 5,000 such clients at once do not keep anyone else waiting.
 */
class SlowClientIT {

    /** The crowd; -Dferry.slowClients=N changes it. */
    private static final int CROWD = Integer.getInteger("ferry.slowClients", 5000);

    private static Path prefix;
    private static TestBackend backend;
    private static RunningFerry ferry;
    private static int port;
    private static int crowdPort;
    private static int keepalivePort;

    @BeforeAll
    static void start() throws Exception {
        prefix = Files.createTempDirectory("ferry-slow");
        backend = new TestBackend((request, out) -> {
            request.readBody();
            TestBackend.respond(out, 200, "", "ok".getBytes(StandardCharsets.ISO_8859_1));
            return true;
        });
        port = Launcher.freePort();
        crowdPort = Launcher.freePort();
        keepalivePort = Launcher.freePort();
        String locations = "location = /local { return 200 local; } location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }";
        // -Dferry.opts replaces the suite's options (paranoid leak detection) to measure without them.
        ferry = RunningFerry.start(prefix, "error_log logs/error.log info;\nevents {}\nhttp {\n"
                + "  server { listen 127.0.0.1:" + port + "; client_header_timeout 2s; client_body_timeout 1s; " + locations + " }\n"
                + "  server { listen 127.0.0.1:" + crowdPort + "; client_header_timeout 10s; client_body_timeout 10s; "
                + locations + " }\n"
                + "  server { listen 127.0.0.1:" + keepalivePort + "; keepalive_timeout 1s; " + locations + " }\n}\n",
                System.getProperty("ferry.opts"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            assertEquals(0, ferry.stop());
        } finally {
            ferry.close();
            backend.close();
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
    void aHeadTrickledByteByByteIsCutOffByTheHeaderTimeout() throws Exception {
        try (RawClient client = new RawClient(port)) {
            long start = System.nanoTime();
            String head = "GET /slow HTTP/1.1\r\nHost: h\r\nX-Padding: " + "p".repeat(100);
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (char c : head.toCharArray()) {
                        client.send(String.valueOf(c));
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off: expected
                }
            });
            assertTrue(closedOrReset(client), "closed without a response");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 1800 && millis < 4000, "after client_header_timeout 2s for the whole head: " + millis + " ms");
            trickle.interrupt();
        }
        Launcher.await("the timeout in the log", Duration.ofSeconds(5), () -> ferry.errorLog().contains(
                "client timed out (110: Connection timed out) while reading client request headers, client: 127.0.0.1"));
    }

    @Test
    void aBodyThatStopsIsCutOffByTheBodyTimeout() throws Exception {
        int before = backend.requests.size();
        try (RawClient client = new RawClient(port)) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n012");
            long start = System.nanoTime();
            assertTrue(closedOrReset(client));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 900 && millis < 3000, "after client_body_timeout 1s: " + millis + " ms");
        }
        assertEquals(before, backend.requests.size(), "a body that never came whole never went upstream");
        Launcher.await("the timeout in the log", Duration.ofSeconds(5), () -> ferry.errorLog().contains(
                "client timed out (110: Connection timed out) while reading client request body"));
    }

    @Test
    void aBodyWhoseBytesComeWithinTheTimeoutIsServed() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\n");
            for (int i = 0; i < 6; i++) {
                Thread.sleep(400); // client_body_timeout is between two reads: 2.4 s in all is fine
                client.send("x");
            }
            assertEquals(200, client.read().status());
        }
    }

    @Test
    void aBodyFerryDoesNotNeedIsNotReadForever() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /local HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\nsome");
            assertEquals("local", client.read().text());
            long start = System.nanoTime();
            assertTrue(closedOrReset(client), "the rest is dropped for nginx's lingering_timeout, then the close");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 4500 && millis < 8000, "after 5 s without a byte: " + millis + " ms");
        }
    }

    /** Found by RequestFuzzIT: after a proxied request with a body the idle connection had no timer. */
    @Test
    void anIdleConnectionIsClosedByKeepaliveTimeoutAfterAProxiedBody() throws Exception {
        try (RawClient client = new RawClient(keepalivePort)) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\ndata");
            assertEquals(100, client.read().status());
            assertEquals("ok", client.read().text());
            long start = System.nanoTime();
            assertTrue(closedOrReset(client));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 900 && millis < 3000, "after keepalive_timeout 1s: " + millis + " ms");
        }
    }

    /**
     * Half the crowd trickles a head, half a body (small, so it is read before any upstream
     * connection is made), one byte a second each; meanwhile one client makes request after
     * request on new connections and the slowest answer is the longest stall anyone saw.
     */
    @Test
    void fiveThousandSlowClientsDoNotStopOthers() throws Exception {
        long pid = ProcessStats.pid(ferry);
        long fdsBefore = ProcessStats.openFds(pid);
        List<SocketChannel> heads = new ArrayList<>();
        List<SocketChannel> bodies = new ArrayList<>();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", crowdPort);
        try {
            for (int i = 0; i < CROWD; i++) {
                SocketChannel channel = SocketChannel.open(address);
                channel.configureBlocking(false);
                (i % 2 == 0 ? heads : bodies).add(channel);
            }
            for (SocketChannel channel : bodies) {
                write(channel, "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n");
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
            long nextTrickle = 0;
            long longest = 0;
            long longestAt = 0;
            long longestSettled = 0;
            long began = System.nanoTime();
            List<Long> latencies = new ArrayList<>();
            int served = 0;
            int tick = 0;
            String head = "GET /slow HTTP/1.1\r\nHost: h\r\nX-Padding: " + "p".repeat(100);
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextTrickle) {
                    // One byte on every connection of the crowd, once a second.
                    String next = String.valueOf(head.charAt(tick % head.length()));
                    for (SocketChannel channel : heads) {
                        write(channel, next);
                    }
                    for (SocketChannel channel : bodies) {
                        write(channel, "b");
                    }
                    tick++;
                    nextTrickle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                long start = System.nanoTime();
                try (RawClient client = new RawClient(crowdPort)) {
                    assertEquals(200, client.send("GET /normal HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
                }
                long took = System.nanoTime() - start;
                latencies.add(took);
                if (took > longest) {
                    longest = took;
                    longestAt = start - began;
                }
                if (start - began > TimeUnit.SECONDS.toNanos(2)) {
                    longestSettled = Math.max(longestSettled, took); // once the crowd's connects are over
                }
                served++;
            }
            long longestMillis = TimeUnit.NANOSECONDS.toMillis(longest);
            latencies.sort(null);
            Measurements.record("slow clients: " + CROWD + " trickling (" + heads.size() + " heads, " + bodies.size()
                    + " bodies); " + served + " normal requests in 12 s; median " + micros(latencies, 0.5) + " us, p99 "
                    + micros(latencies, 0.99) + " us, longest stall " + longestMillis + " ms at "
                    + TimeUnit.NANOSECONDS.toMillis(longestAt) + " ms (longest after the first 2 s: "
                    + TimeUnit.NANOSECONDS.toMillis(longestSettled) + " ms); Ferry options: "
                    + System.getProperty("ferry.opts", System.getenv("FERRY_OPTS")));
            assertTrue(served > 100, "normal requests kept being served: " + served);
            assertTrue(longestMillis < 2000, "no normal request waited long: " + longestMillis + " ms");
            // The trickled heads passed client_header_timeout 10s: every one of them is gone.
            Launcher.await("every trickled head cut off", Duration.ofSeconds(10), () -> heads.stream().allMatch(SlowClientIT::closed));
        } finally {
            for (SocketChannel channel : heads) {
                channel.close();
            }
            for (SocketChannel channel : bodies) {
                channel.close();
            }
        }
        Launcher.await("Ferry's descriptors back at " + fdsBefore, Duration.ofSeconds(15), () -> {
            try {
                return ProcessStats.openFds(pid) <= fdsBefore;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static long micros(List<Long> sorted, double quantile) {
        return TimeUnit.NANOSECONDS.toMicros(sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * quantile)));
    }

    private static void write(SocketChannel channel, String text) {
        try {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            // cut off by Ferry
        }
    }

    /** True once Ferry closed the connection (end of stream, or a reset). */
    private static boolean closed(SocketChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            int n;
            while ((n = channel.read(buffer)) > 0) {
                buffer.clear();
            }
            return n < 0;
        } catch (IOException e) {
            return true;
        }
    }
}
