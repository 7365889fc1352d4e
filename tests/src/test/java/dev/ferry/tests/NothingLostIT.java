package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing doubled: a non-idempotent request is never sent twice, whatever fails
 * after it went out; and after any error on a pooled upstream connection no response ever
 * reaches a client it was not meant for.
 */
class NothingLostIT {

    @TempDir
    Path prefix;

    /**
     * A raw origin whose behaviour each request chooses with an {@code X-Mode} header; every
     * answer it means to give carries the request's {@code X-Id}, and every answer it should
     * not give says WRONG.
     */
    static final class Origin extends RawBackend {
        final ConcurrentHashMap<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        final AtomicInteger requests = new AtomicInteger();
        /** False: X-Mode is ignored and every request answered. */
        private final boolean misbehaves;

        Origin() throws IOException {
            this(true);
        }

        Origin(boolean misbehaves) throws IOException {
            super(512);
            this.misbehaves = misbehaves;
        }

        @Override
        protected boolean answer(String head, Socket socket, InputStream in, OutputStream out)
                throws IOException, InterruptedException {
            requests.incrementAndGet();
            String id = header(head, "X-Id");
            String mode = header(head, "X-Mode");
            seen.computeIfAbsent(head.substring(0, head.indexOf(' ')) + " " + id, k -> new AtomicInteger()).incrementAndGet();
            String length = header(head, "Content-Length");
            if (length != null) {
                in.readNBytes(Integer.parseInt(length));
            }
            String body = "id=" + id;
            boolean head0 = head.startsWith("HEAD ");
            switch (mode == null || !misbehaves ? "ok" : mode) {
                case "close" -> {
                    return false; // read it, answer nothing
                }
                case "extra" -> write(out, response(body, head0) + response("WRONG extra for " + id, false));
                case "late-extra" -> {
                    write(out, response(body, head0));
                    Thread.sleep(200);
                    write(out, response("WRONG late for " + id, false));
                }
                case "cut-body" -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + body);
                    return false;
                }
                case "stall" -> {
                    Thread.sleep(1500);
                    write(out, response("WRONG stalled " + id, false));
                }
                case "head-body" -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nWRONG head body" + id);
                default -> write(out, response(body, head0));
            }
            return true;
        }

        private static String response(String body, boolean head) {
            return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + (head ? "" : body);
        }

        private static void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private static String header(String head, String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private static String request(String method, String id, String mode, String body) {
        return method + " /r/" + id + " HTTP/1.1\r\nHost: h\r\nX-Id: " + id + "\r\nX-Mode: " + mode + "\r\n"
                + (body == null ? "" : "Content-Length: " + body.length() + "\r\n") + "\r\n" + (body == null ? "" : body);
    }

    @Test
    void aPostIsNeverSentTwiceButAGetMovesOn() throws Exception {
        try (Origin primary = new Origin(); Origin backup = new Origin(false)) {
            int port = Launcher.freePort();
            // max_fails=0: the primary stays first in line, so each request below meets its misbehaviour.
            String conf = "events {}\nhttp {\n  upstream app { server 127.0.0.1:" + primary.port() + " max_fails=0; server 127.0.0.1:"
                    + backup.port() + " backup; }\n  server { listen 127.0.0.1:" + port + "; location / { proxy_pass http://app;"
                    + " proxy_read_timeout 500ms; } }\n}\n";
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                // A GET first, so the POST goes out on a kept-alive connection: the case nginx retries for free.
                assertEquals("id=g0", client.send(request("GET", "g0", "ok", null)).read().text());
                assertEquals(502, client.send(request("POST", "p1", "close", "payload")).read().status());
                assertEquals(504, client.send(request("POST", "p2", "stall", "payload")).read().status());
                assertEquals(502, client.send(request("PATCH", "p3", "close", "payload")).read().status());
                assertEquals(1, primary.seen.get("POST p1").get(), "sent once");
                assertEquals(1, primary.seen.get("POST p2").get(), "sent once");
                assertEquals(1, primary.seen.get("PATCH p3").get(), "sent once");
                assertFalse(backup.seen.containsKey("POST p1") || backup.seen.containsKey("POST p2")
                        || backup.seen.containsKey("PATCH p3"), "never to the next server either");
                // An idempotent request goes on to the backup, as proxy_next_upstream error says.
                RawClient.Response moved = client.send(request("GET", "g1", "close", null)).read();
                assertEquals(200, moved.status());
                assertEquals(1, backup.seen.get("GET g1").get());
                assertEquals(0, ferry.stop());
            }
        }
    }

    /**
     * Many clients at once, each with its own ids, through one pool of upstream connections that
     * keeps going wrong in every way a pooled connection can: extra responses right behind or a
     * little after the right one, bodies cut short, stalls, bodies on HEAD answers. Each client
     * gets its own answer or an error; never anyone else's, never an answer meant for nobody.
     */
    @Test
    void noResponseEverReachesTheWrongClient() throws Exception {
        String[] modes = {"ok", "ok", "ok", "extra", "cut-body", "stall", "close", "head-body"};
        int clients = 40;
        int perClient = Integer.getInteger("ferry.wrongClientRequests", 25);
        try (Origin origin = new Origin()) {
            int port = Launcher.freePort();
            String conf = "events {}\nhttp {\n  upstream app { server 127.0.0.1:" + origin.port() + "; keepalive 4; }\n"
                    + "  server { listen 127.0.0.1:" + port + "; location / { proxy_pass http://app; proxy_read_timeout 300ms;"
                    + " proxy_next_upstream off; } }\n}\n";
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            try (RunningFerry ferry = RunningFerry.start(prefix, conf);
                    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int clientNo = c;
                    done.add(threads.submit(() -> {
                        Random random = new Random(1000 + clientNo); // seeded: a failure replays
                        RawClient client = new RawClient(port);
                        try {
                            for (int i = 0; i < perClient; i++) {
                                String id = "c" + clientNo + "-" + i;
                                String mode = modes[random.nextInt(modes.length)];
                                boolean head = mode.equals("head-body") || random.nextInt(10) == 0;
                                client.send(request(head ? "HEAD" : "GET", id, mode, null));
                                RawClient.Response r;
                                try {
                                    r = client.read(head);
                                } catch (IOException e) {
                                    // a cut body: Ferry closed the client connection, as nginx does
                                    errors.incrementAndGet();
                                    client.close();
                                    client = new RawClient(port);
                                    continue;
                                }
                                String text = r.text();
                                assertFalse(text.contains("WRONG"), id + " got " + text);
                                if (r.status() == 200 && !head) {
                                    if (mode.equals("cut-body")) {
                                        errors.incrementAndGet();
                                        client.close();
                                        client = new RawClient(port);
                                        continue;
                                    }
                                    assertEquals("id=" + id, text, "its own answer");
                                    answered.incrementAndGet();
                                } else if (r.status() != 200) {
                                    assertTrue(r.status() == 502 || r.status() == 504, id + ": " + r.status());
                                    errors.incrementAndGet();
                                }
                                if ("close".equalsIgnoreCase(r.header("Connection"))) {
                                    client.close();
                                    client = new RawClient(port);
                                }
                            }
                        } finally {
                            client.close();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
                assertTrue(answered.get() > clients * perClient / 3, "most were answered: " + answered.get());
                Measurements.record("wrong-client test: " + clients * perClient + " requests through a misbehaving pool, "
                        + answered.get() + " answered right, " + errors.get() + " errors, 0 misdelivered; origin saw "
                        + origin.requests.get());
                assertEquals(0, ferry.stop());
            }
        }
    }

    /**
     * An unsolicited response that comes while the connection is idle in the pool drops the
     * connection. (One that comes after the next request went out cannot be told from that
     * request's answer, by Ferry or nginx: HTTP/1.1 responses carry no request id.)
     */
    @Test
    void aLateUnsolicitedResponseDropsTheIdleConnection() throws Exception {
        try (Origin origin = new Origin()) {
            int port = Launcher.freePort();
            String conf = "events {}\nhttp {\n  upstream app { server 127.0.0.1:" + origin.port() + "; }\n"
                    + "  server { listen 127.0.0.1:" + port + "; location / { proxy_pass http://app; } }\n}\n";
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                assertEquals("id=a", client.send(request("GET", "a", "late-extra", null)).read().text());
                Thread.sleep(500); // the stray response (at 200 ms) finds the connection idle
                for (int i = 0; i < 3; i++) {
                    assertEquals("id=b" + i, client.send(request("GET", "b" + i, "ok", null)).read().text());
                }
                assertEquals(0, ferry.stop());
            }
        }
    }

    static boolean closedOrReset(RawClient client) throws IOException {
        try {
            return client.closedByPeer();
        } catch (SocketException e) {
            return true;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
