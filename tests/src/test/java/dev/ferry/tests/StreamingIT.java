package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1 GiB each way through the proxy: the far end checks the SHA-256, and the proxy's resident
 * memory stays flat (under 256 MiB) because bodies are streamed with back-pressure.
 */
class StreamingIT {

    private static final long GIB = 1L << 30;
    private static final long RSS_LIMIT_KIB = 256 * 1024;

    @TempDir
    Path prefix;

    /** Deterministic bytes: block i of 64 KiB is filled from a cheap generator seeded by i. */
    private static void fill(byte[] block, long index) {
        long x = index * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < block.length; i += 8) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            for (int b = 0; b < 8; b++) {
                block[i + b] = (byte) (x >>> (8 * b));
            }
        }
    }

    private static String sha256Of(long length) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[65536];
        for (long i = 0; i * block.length < length; i++) {
            fill(block, i);
            sha.update(block);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void writeData(OutputStream out, long length) throws IOException {
        byte[] block = new byte[65536];
        for (long i = 0; i * block.length < length; i++) {
            fill(block, i);
            out.write(block);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Samples VmRSS of {@code pid} until stopped; keeps the maximum in KiB. */
    private static Thread rssSampler(long pid, AtomicLong maxKib, AtomicBoolean stop) {
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            Path status = Path.of("/proc/" + pid + "/status");
            while (!stop.get()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                            maxKib.accumulateAndGet(kib, Math::max);
                        }
                    }
                    Thread.sleep(50); // a sampling period, not a synchronisation
                } catch (Exception e) {
                    return;
                }
            }
        });
        return t;
    }

    @Test
    void aGibibyteStreamsEachWayWithFlatMemory() throws Exception {
        String expected = sha256Of(GIB);
        try (TestBackend backend = new TestBackend((request, out) -> {
            if (request.requestLine().startsWith("GET")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + GIB + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                writeData(out, GIB);
            } else {
                String sum;
                try {
                    sum = sha256(request.body);
                } catch (Exception e) {
                    throw new IOException(e);
                }
                TestBackend.respond(out, 200, "", sum.getBytes(StandardCharsets.ISO_8859_1));
            }
            return true;
        })) {
            int port = Launcher.freePort();
            String conf = "events {}\nhttp {\n  client_max_body_size 0;\n  server {\n    listen 127.0.0.1:" + port + ";\n"
                    + "    location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }\n  }\n}\n";
            // Paranoid leak tracking (the suite's default) costs memory per buffer; this test measures memory.
            try (RunningFerry ferry = RunningFerry.start(prefix, conf, "")) {
                AtomicLong maxKib = new AtomicLong();
                AtomicBoolean stop = new AtomicBoolean();
                Thread sampler = rssSampler(ferry.process.pid(), maxKib, stop);
                try (RawClient client = new RawClient(port)) {
                    client.send("GET /download HTTP/1.1\r\nHost: h\r\n\r\n");
                    String head = readHead(client.in);
                    assertTrue(head.startsWith("HTTP/1.1 200"), head);
                    assertTrue(head.contains("Content-Length: " + GIB), head);
                    assertEquals(expected, sha256(new LimitedInputStream(client.in, GIB)), "download SHA-256");

                    client.send("PUT /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + GIB + "\r\n\r\n");
                    writeData(client.out, GIB);
                    client.out.flush();
                    RawClient.Response r = client.read();
                    assertEquals(200, r.status());
                    assertEquals(expected, r.text(), "upload SHA-256 at the backend");
                } finally {
                    stop.set(true);
                    sampler.join();
                }
                assertTrue(maxKib.get() > 0 && maxKib.get() < RSS_LIMIT_KIB,
                        "proxy RSS peaked at " + maxKib.get() / 1024 + " MiB");
                System.out.println("StreamingIT: proxy RSS peak " + maxKib.get() / 1024 + " MiB");
                assertEquals(0, ferry.stop());
            }
        }
    }

    /**
     * A body that pours in is sent corked (full segments only) and the end of it uncorked; the
     * upstream connection goes back to the pool uncorked. A cork left on shows as the kernel's
     * 200 ms hold on every write smaller than a segment: the body's last bytes, then each request
     * head on the reused connection. Every answer here takes a few milliseconds without one.
     */
    @Test
    void aPouredBodyLeavesNothingCorked() throws Exception {
        long length = 8L << 20;
        try (TestBackend backend = new TestBackend((request, out) -> {
            long n = request.body.transferTo(OutputStream.nullOutputStream());
            TestBackend.respond(out, 200, "", Long.toString(n).getBytes(StandardCharsets.ISO_8859_1));
            return true;
        })) {
            int port = Launcher.freePort();
            String conf = "events {}\nhttp {\n  client_max_body_size 0;\n"
                    + "  upstream origin { server 127.0.0.1:" + backend.port() + "; keepalive 4; }\n"
                    + "  server {\n    listen 127.0.0.1:" + port + ";\n"
                    + "    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection \"\"; }\n"
                    + "  }\n}\n";
            try (RunningFerry ferry = RunningFerry.start(prefix, conf, "");
                    RawClient client = new RawClient(port)) {
                for (int round = 0; round < 3; round++) {
                    client.send("PUT /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + length + "\r\n\r\n");
                    writeData(client.out, length);
                    client.out.flush();
                    long sent = System.nanoTime();
                    RawClient.Response put = client.read();
                    long putMillis = (System.nanoTime() - sent) / 1_000_000;
                    assertEquals(200, put.status());
                    assertEquals(Long.toString(length), put.text());
                    long slowest = 0;
                    for (int i = 0; i < 5; i++) {
                        long start = System.nanoTime();
                        client.send("GET /small HTTP/1.1\r\nHost: h\r\n\r\n");
                        assertEquals(200, client.read().status());
                        slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
                    }
                    // The smallest answer a cork left on can give is 200 ms late; 150 leaves a slow machine room.
                    assertTrue(putMillis < 150, "the body's end waited " + putMillis + " ms");
                    assertTrue(slowest < 150, "a request on the reused connection waited " + slowest + " ms");
                }
                assertEquals(1, backend.connections(), "one upstream connection, reused throughout");
                assertEquals(0, ferry.stop());
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads exactly {@code length} bytes of the underlying stream. */
    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedInputStream(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
