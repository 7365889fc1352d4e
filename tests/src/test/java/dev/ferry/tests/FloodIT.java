package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Floods: 20,000 idle keep-alive connections are held (and Ferry's resident memory for them
 * measured), and the header and body limits hold for every request of a pipeline, however long.
 */
class FloodIT {

    /** The idle crowd; -Dferry.idleConnections=N changes it. */
    private static final int IDLE = Integer.getInteger("ferry.idleConnections", 20_000);

    private static Path prefix;
    private static TestBackend backend;
    /** Requests whose body the backend read whole. */
    private static final java.util.concurrent.atomic.AtomicInteger COMPLETE = new java.util.concurrent.atomic.AtomicInteger();
    private static RunningFerry ferry;
    private static int port;
    private static long pid;

    @BeforeAll
    static void start() throws Exception {
        prefix = Files.createTempDirectory("ferry-flood");
        backend = new TestBackend((request, out) -> {
            request.readBody();
            COMPLETE.incrementAndGet();
            TestBackend.respond(out, 200, "", "proxied".getBytes(StandardCharsets.ISO_8859_1));
            return true;
        });
        port = Launcher.freePort();
        ferry = RunningFerry.start(prefix, "error_log logs/error.log info;\nevents {}\nhttp {\n"
                + "  keepalive_timeout 300s; keepalive_requests 100000;\n"
                + "  server { listen 127.0.0.1:" + port + " backlog=4096;\n"
                + "    location /local { return 200 \"$request_uri\"; }\n"
                + "    location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }\n  }\n}\n",
                System.getProperty("ferry.opts"));
        pid = ProcessStats.pid(ferry);
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

    /** Reads one response with a Content-Length body; returns the body. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase();
        int at = lower.indexOf("content-length:");
        int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).strip());
        return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** A connection that made one request and is now idle. */
    private static Socket idleConnection(int i) throws IOException {
        Socket socket = new Socket();
        // Several source addresses, so the crowd does not run out of ephemeral ports.
        socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i % 8)}), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET /local/" + i + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("/local/" + i, readResponse(socket.getInputStream()));
        return socket;
    }

    private static List<Socket> open(int count, ExecutorService threads) throws Exception {
        Semaphore inFlight = new Semaphore(256);
        List<Future<Socket>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            inFlight.acquire();
            pending.add(threads.submit(() -> {
                try {
                    return idleConnection(n);
                } finally {
                    inFlight.release();
                }
            }));
        }
        List<Socket> sockets = new ArrayList<>();
        for (Future<Socket> f : pending) {
            sockets.add(f.get(60, TimeUnit.SECONDS));
        }
        return sockets;
    }

    @Test
    void twentyThousandIdleKeepAliveConnectionsAreHeld() throws Exception {
        long self = ProcessHandle.current().pid();
        // Both processes need a descriptor per connection besides their own. Where RLIMIT_NOFILE
        // cannot be raised (no CAP_SYS_RESOURCE), the crowd is what the hard limit leaves room for.
        long ferryLimit = FdLimit.raise(pid, IDLE + 2048);
        long selfLimit = FdLimit.raise(self, IDLE + 2048);
        int count = (int) Math.min(IDLE, Math.min(ferryLimit - fds() - 16, selfLimit - ProcessStats.openFds(self) - 256));
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // Warm up (JIT, allocator, pools) so the measurement is of connections, not of start-up.
            long fdsAtStart = fds();
            for (Socket s : open(2000, threads)) {
                s.close();
            }
            Launcher.await("the warm-up connections closed", Duration.ofSeconds(20), () -> fds() <= fdsAtStart + 2);
            long fdsBefore = fds();
            long rssBefore = ProcessStats.rssKib(pid);
            long start = System.nanoTime();
            sockets.addAll(open(count, threads));
            long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long fdsHeld = fds();
            assertTrue(fdsHeld >= fdsBefore + count, "Ferry holds every connection: " + fdsBefore + " descriptors before, "
                    + fdsHeld + " with " + count + " connections");
            long rssAfter = ProcessStats.rssKib(pid);

            // Ferry is not busy with them: a new client is answered at once, and idle ones still work.
            long t = System.nanoTime();
            try (RawClient client = new RawClient(port)) {
                assertEquals("/local/new", client.send("GET /local/new HTTP/1.1\r\nHost: h\r\n\r\n").read().text());
                assertEquals("proxied", client.send("GET /p HTTP/1.1\r\nHost: h\r\n\r\n").read().text());
            }
            long newMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            for (int i = 0; i < sockets.size(); i += Math.max(1, sockets.size() / 200)) {
                Socket s = sockets.get(i);
                s.getOutputStream().write(("GET /local/again HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertEquals("/local/again", readResponse(s.getInputStream()));
            }
            double perConnection = (double) (rssAfter - rssBefore) / count;
            Measurements.record(String.format("idle keep-alive: %d connections held (open-files limits: Ferry %d, tests %d), opened in %d ms;"
                    + " Ferry RSS %d KiB -> %d KiB, %.1f KiB per connection above baseline; a new request meanwhile took %d ms;"
                    + " Ferry options: %s", count, ferryLimit, selfLimit, openMillis, rssBefore, rssAfter, perConnection, newMillis,
                    System.getProperty("ferry.opts", System.getenv("FERRY_OPTS"))));
            assertTrue(perConnection < 64, "bounded per connection: " + perConnection + " KiB");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        long fdsAfterAll = ProcessStats.openFds(pid);
        Launcher.await("Ferry to let go of every connection (" + fdsAfterAll + " fds now)", Duration.ofSeconds(30),
                () -> fds() < 200);
    }

    private static long fds() {
        try {
            return ProcessStats.openFds(pid);
        } catch (IOException e) {
            throw new AssertionError(e);
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
    void aTooLongHeaderLineDeepInAPipelineIs400AndEndsIt() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /local/1 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /local/2 HTTP/1.1\r\nHost: h\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n"
                    + "GET /local/3 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("/local/1", client.read().text());
            RawClient.Response tooLarge = client.read();
            assertEquals(400, tooLarge.status());
            assertTrue(tooLarge.text().contains("<title>400 Request Header Or Cookie Too Large</title>"), tooLarge.text());
            assertTrue(closedOrReset(client), "nothing after it is answered");
        }
    }

    @Test
    void aTooLongRequestLineDeepInAPipelineIs414() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /local/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /local/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("/local/1", client.read().text());
            assertEquals(414, client.read().status());
            assertTrue(closedOrReset(client));
        }
    }

    @Test
    void tooManyHeadersDeepInAPipelineAre400() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        try (RawClient client = new RawClient(port)) {
            client.send("GET /local/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /local/2 HTTP/1.1\r\nHost: h\r\n" + many + "\r\n");
            assertEquals("/local/1", client.read().text());
            assertEquals(400, client.read().status(), "a head over 4 large buffers in all");
            assertTrue(closedOrReset(client));
        }
    }

    @Test
    void bodiesOverTheLimitDeepInAPipelineAre413AndNeverSent() throws Exception {
        int before = backend.requests.size();
        int completeBefore = COMPLETE.get();
        try (RawClient client = new RawClient(port)) {
            client.send("GET /local/1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n");
            assertEquals("/local/1", client.read().text());
            assertEquals(413, client.read().status(), "client_max_body_size 1m, known from Content-Length");
            assertTrue(closedOrReset(client));
        }
        assertEquals(before, backend.requests.size(), "a declared length over the limit is refused before anything goes upstream");
        try (RawClient client = new RawClient(port)) {
            String chunk = "c".repeat(600_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    client.send("GET /local/1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n"
                            + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
                } catch (IOException e) {
                    // Ferry stopped reading and closed: expected
                }
            });
            assertEquals("/local/1", client.read().text());
            assertEquals(413, client.read().status(), "a chunked body over client_max_body_size");
            writer.join(10_000);
        }
        // A chunked body streams upstream once past client_body_buffer_size (Ferry spools nothing to
        // disk, nginx would): the upstream sees the request begin, then the connection cut mid-body.
        Thread.sleep(200);
        assertEquals(completeBefore, COMPLETE.get(), "no body over the limit reached the backend whole");
    }

    @Test
    void tenThousandPipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        int count = 10_000;
        try (RawClient client = new RawClient(port)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    all.append("GET /local/").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
                }
                try {
                    client.send(all.toString());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            for (int i = 0; i < count; i++) {
                assertEquals("/local/" + i, readResponse(client.in));
            }
            writer.join(10_000);
        }
    }
}
