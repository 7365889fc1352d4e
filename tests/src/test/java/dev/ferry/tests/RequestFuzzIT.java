package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of valid requests, sent as raw bytes to a running Ferry: whatever
 * arrives, Ferry answers with well-formed responses or closes, always within its timeouts
 * (never hangs), stays up and keeps serving others (never crashes), gives every descriptor and
 * buffer back (never leaks), and sends its backend only requests it framed itself (never
 * anything unframed: the backend parses every byte it gets strictly).
 *
 * <p>{@code -Dferry.fuzz.iterations=N} runs longer, {@code -Dferry.fuzz.seed=S} elsewhere;
 * iteration i uses {@code new Random(seed + i)}, so a failure replays on its own with
 * {@code -Dferry.fuzz.only=i}. Every failure found becomes a row of the regression tables
 * (RequestScannerTest, RequestSmugglingIT).
 */
class RequestFuzzIT {

    private static final int ITERATIONS = Integer.getInteger("ferry.fuzz.iterations", 1200);
    private static final long SEED = Long.getLong("ferry.fuzz.seed", 9_2026L);
    private static final int ONLY = Integer.getInteger("ferry.fuzz.only", -1);
    private static final int CONCURRENCY = 64;

    @TempDir
    Path prefix;

    static final List<String> SEEDS = List.of(
            "GET /a?b=c HTTP/1.1\r\nHost: h\r\nUser-Agent: fuzz\r\nAccept: */*\r\n\r\n",
            "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world",
            "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
            "GET /local HTTP/1.1\r\nHost: h\r\n\r\nGET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
            "HEAD /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET http://h:80/abs?q HTTP/1.1\r\nHost: other\r\nCookie: a=b; c=d\r\n\r\n",
            "POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\ndata",
            "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
            "OPTIONS /o HTTP/1.1\r\nHost: h\r\nX_Under: 1\r\nX.Dot: 2\r\n\r\n");

    /** Bytes that matter to HTTP framing. */
    private static final byte[] INTERESTING = "\r\n\0 \t:;,0123456789abcdefABCDEF-+\"\u007f\u00ff/?#%HTTP".getBytes(StandardCharsets.ISO_8859_1);
    /** Whole lines a mutation may splice in. */
    private static final String[] LINES = {
        "Transfer-Encoding: chunked\r\n", "Content-Length: 5\r\n", "Content-Length: 0\r\n", "Content-Length: -1\r\n",
        "Content-Length: 99999999999999999999\r\n", "Transfer-Encoding: gzip, chunked\r\n", " chunked\r\n", "\tfolded\r\n",
        "Host: other\r\n", "Expect: 100-continue\r\n", "Connection: close\r\n", "Upgrade: websocket\r\n", "X: \0\r\n",
        "0\r\n\r\n", "5\r\nhello\r\n", "ffffffff\r\n", "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n", "\r\n", "\n", "\r"};

    static byte[] mutate(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1);
        List<Byte> s = new ArrayList<>();
        for (byte b : seed) {
            s.add(b);
        }
        if (random.nextInt(5) == 0) {
            for (byte b : SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1)) {
                s.add(b); // a pipelined second request
            }
        }
        int mutations = random.nextInt(5);
        for (int m = 0; m < mutations && !s.isEmpty(); m++) {
            int at = random.nextInt(s.size());
            switch (random.nextInt(8)) {
                case 0 -> s.set(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 1 -> s.add(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 2 -> s.remove(at);
                case 3 -> s.subList(at, Math.min(s.size(), at + 1 + random.nextInt(12))).clear();
                case 4 -> {
                    int end = Math.min(s.size(), at + 1 + random.nextInt(24));
                    s.addAll(random.nextInt(s.size()), new ArrayList<>(s.subList(at, end)));
                }
                case 5 -> {
                    // a line spliced in at a line start
                    int lineStart = at;
                    while (lineStart > 0 && s.get(lineStart - 1) != '\n') {
                        lineStart--;
                    }
                    byte[] line = LINES[random.nextInt(LINES.length)].getBytes(StandardCharsets.ISO_8859_1);
                    for (int k = line.length - 1; k >= 0; k--) {
                        s.add(lineStart, line[k]);
                    }
                }
                case 6 -> s.set(at, (byte) random.nextInt(256));
                default -> s.subList(at, s.size()).clear(); // cut short
            }
        }
        for (byte b : s) {
            out.write(b);
        }
        return out.toByteArray();
    }

    /**
     * An origin that parses strictly what Ferry sends and answers "ok": a head must be
     * RFC 9112 syntax framed one way, a chunked body exact. Any deviation is a finding.
     */
    static final class StrictOrigin extends RawBackend {
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger requests = new AtomicInteger();

        StrictOrigin() throws IOException {
            super(512);
        }

        @Override
        protected boolean answer(String head, Socket socket, InputStream in, OutputStream out) throws IOException {
            requests.incrementAndGet();
            try {
                RequestSmugglingIT.assertWellFramed(head);
            } catch (AssertionError e) {
                violations.add(e.getMessage() + " in: " + head);
                return false;
            }
            String lower = head.toLowerCase();
            if (lower.contains("\r\ntransfer-encoding: chunked\r\n")) {
                if (!readChunked(in)) {
                    return false; // cut short by Ferry (a client that stopped): not a framing error
                }
            } else {
                int at = lower.indexOf("\r\ncontent-length:");
                if (at >= 0) {
                    long n = Long.parseLong(lower.substring(at + 17, lower.indexOf("\r\n", at + 2)).strip());
                    if (in.readNBytes((int) n).length < n) {
                        return false;
                    }
                }
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        }

        /** False when the stream ended; a framing error is recorded. */
        private boolean readChunked(InputStream in) throws IOException {
            while (true) {
                String size = line(in);
                if (size == null) {
                    return false;
                }
                if (!size.matches("[0-9a-fA-F]{1,16}")) {
                    violations.add("chunk size line from Ferry: " + size);
                    return false;
                }
                long n = Long.parseLong(size, 16);
                if (n == 0) {
                    String end = line(in);
                    if (end != null && !end.isEmpty()) {
                        violations.add("trailer passed on: " + end);
                    }
                    return end != null;
                }
                if (in.readNBytes((int) n).length < n) {
                    return false;
                }
                String crlf = line(in);
                if (crlf == null) {
                    return false;
                }
                if (!crlf.isEmpty()) {
                    violations.add("chunk data longer than its size: " + crlf);
                    return false;
                }
            }
        }

        /** A CRLF line; a bare LF or CR is a violation. Null at the end of the stream. */
        private String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\r') {
                    int lf = in.read();
                    if (lf != '\n') {
                        if (lf >= 0) {
                            violations.add("bare CR from Ferry after: " + s);
                        }
                        return null;
                    }
                    return s.toString();
                }
                if (b == '\n') {
                    violations.add("bare LF from Ferry after: " + s);
                    return null;
                }
                s.append((char) b);
            }
        }


    }

    /** One iteration: null when all is well, else what went wrong. */
    static String exchange(int port, byte[] request, Random random) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            try {
                // In up to three writes, so framing meets read boundaries in other places too.
                int cut1 = random.nextInt(request.length + 1);
                int cut2 = cut1 + random.nextInt(request.length - cut1 + 1);
                out.write(request, 0, cut1);
                out.flush();
                out.write(request, cut1, cut2 - cut1);
                out.flush();
                out.write(request, cut2, request.length - cut2);
                out.flush();
            } catch (SocketException e) {
                // Ferry refused and closed before the client was done: what came back is read below
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (true) {
                int n;
                byte[] buffer = new byte[8192];
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        return "hang: no close within 6 s (every timeout is 1 s); got " + got.size() + " bytes";
                    }
                    continue;
                } catch (SocketException e) {
                    break; // reset: closed with unread client bytes
                }
                if (n < 0) {
                    break;
                }
                got.write(buffer, 0, n);
            }
            byte[] response = got.toByteArray();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            if (response.length > 0 && !text.startsWith("HTTP/1.1 ")) {
                return "not an HTTP response: " + text.substring(0, Math.min(80, text.length()));
            }
            return null;
        }
    }

    @Test
    void mutatedRequestsNeverCrashHangLeakOrReachTheBackendUnframed() throws Exception {
        try (StrictOrigin origin = new StrictOrigin()) {
            int port = Launcher.freePort();
            String conf = "error_log logs/error.log info;\nevents {}\nhttp {\n"
                    + "  client_header_timeout 1s; client_body_timeout 1s; keepalive_timeout 1s; send_timeout 1s;\n"
                    + "  upstream origin { server 127.0.0.1:" + origin.port() + "; keepalive_timeout 1s; }\n"
                    + "  server { listen 127.0.0.1:" + port + "; proxy_read_timeout 2s;\n"
                    + "    location = /local { return 200 local; }\n    location / { proxy_pass http://origin; }\n  }\n}\n";
            try (RunningFerry ferry = RunningFerry.start(prefix, conf, System.getProperty("ferry.opts"));
                    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                long pid = ProcessStats.pid(ferry);
                long fdsBefore = ProcessStats.openFds(pid);
                List<String> findings = Collections.synchronizedList(new ArrayList<>());
                Semaphore slots = new Semaphore(CONCURRENCY);
                List<Future<?>> runs = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < ITERATIONS; i++) {
                    if (ONLY >= 0 && i != ONLY) {
                        continue;
                    }
                    int iteration = i;
                    slots.acquire();
                    runs.add(threads.submit(() -> {
                        try {
                            Random random = new Random(SEED + iteration);
                            byte[] request = mutate(random);
                            String problem = exchange(port, request, random);
                            if (problem != null) {
                                findings.add("iteration " + iteration + ": " + problem + "; request (hex) "
                                        + HexFormat.of().formatHex(request));
                            }
                        } catch (IOException e) {
                            findings.add("iteration " + iteration + ": " + e);
                        } finally {
                            slots.release();
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertTrue(ferry.process.isAlive(), "Ferry is still running");
                try (RawClient client = new RawClient(port)) {
                    assertEquals("local", client.send("GET /local HTTP/1.1\r\nHost: h\r\n\r\n").read().text(), "and serving");
                }
                try {
                    Launcher.await("Ferry's descriptors back at " + fdsBefore, Duration.ofSeconds(15), () -> {
                        try {
                            return ProcessStats.openFds(pid) <= fdsBefore; // pooled upstream connections time out in 1 s too
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    });
                } catch (AssertionError e) {
                    Process ss = new ProcessBuilder("ss", "-tanp").redirectErrorStream(true).start();
                    String sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                            .filter(l -> l.contains("pid=" + pid + ",")).limit(30).reduce("", (a, b) -> a + "\n" + b);
                    throw new AssertionError(e.getMessage() + "; Ferry's sockets:" + sockets, e);
                }
                Measurements.record("request fuzz: " + runs.size() + " mutated requests (seed " + SEED + ") in " + seconds
                        + " s, " + origin.requests.get() + " reached the origin, " + findings.size() + " findings, "
                        + origin.violations.size() + " framing violations");
                assertEquals(List.of(), findings);
                assertEquals(List.of(), origin.violations, "the origin only ever saw requests framed by Ferry");
                String log = ferry.errorLog() + ferry.stderrText();
                assertFalse(log.contains("Exception") || log.contains("reached at the tail of the pipeline"),
                        "no unexpected exception: " + log.lines().filter(l -> l.contains("Exception") || l.contains("tail"))
                                .limit(5).toList());
                assertEquals(0, ferry.stop());
            }
        }
    }
}
