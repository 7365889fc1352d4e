package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream module end to end: passive health, retries per proxy_next_upstream, backups,
 * "no live upstreams", the non-idempotent rule — checked through what the access log's
 * {@code $upstream_*} variables recorded.
 */
class UpstreamIT {

    @TempDir
    Path prefix;

    private static TestBackend answering(String name, int status) throws IOException {
        return new TestBackend((request, out) -> {
            request.readBody();
            TestBackend.respond(out, status, "", name.getBytes(StandardCharsets.US_ASCII));
            return true;
        });
    }

    /** A backend that reads the whole request, then closes without answering. */
    private static TestBackend closingAfterRequest() throws IOException {
        return new TestBackend((request, out) -> {
            request.readBody();
            return false;
        });
    }

    private String config(int port, String upstream, String location) {
        return "events {}\nhttp {\n"
                + "  log_format up '$request_method $uri|$upstream_addr|$upstream_status|$status';\n"
                + "  access_log logs/up.log up;\n"
                + "  upstream app {\n" + upstream + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + port + ";\n"
                + "    location / { proxy_pass http://app; " + location + " }\n  }\n}\n";
    }

    private List<String> logLines(int expected) throws Exception {
        Path log = prefix.resolve("logs/up.log");
        Launcher.await(expected + " access-log lines", Duration.ofSeconds(10), () -> {
            try {
                return Files.exists(log) && Files.readAllLines(log).size() >= expected;
            } catch (IOException e) {
                return false;
            }
        });
        return Files.readAllLines(log);
    }

    @Test
    void aDeadPeerIsTriedOnceThenSkippedWhileItsWindowLasts() throws Exception {
        try (TestBackend live = answering("live", 200)) {
            int dead = Launcher.freePort();
            int port = Launcher.freePort();
            String conf = config(port, "    server 127.0.0.1:" + dead + ";\n    server 127.0.0.1:" + live.port() + ";\n", "");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
                for (int i = 0; i < 6; i++) {
                    assertEquals("live", ferry.get(port, "/r" + i).body());
                }
                List<String> lines = logLines(6);
                assertEquals("GET /r0|127.0.0.1:" + dead + ", 127.0.0.1:" + live.port() + "|502, 200|200", lines.get(0));
                for (int i = 1; i < 6; i++) {
                    assertEquals("GET /r" + i + "|127.0.0.1:" + live.port() + "|200|200", lines.get(i),
                            "max_fails=1: the dead peer sits out its fail_timeout");
                }
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void aFailingPeerIsProbedAtMostOncePerFailTimeout() throws Exception {
        try (TestBackend failing = closingAfterRequest(); TestBackend live = answering("live", 200)) {
            int port = Launcher.freePort();
            String conf = config(port, "    server 127.0.0.1:" + failing.port() + " fail_timeout=1s;\n"
                    + "    server 127.0.0.1:" + live.port() + ";\n", "");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
                long start = System.nanoTime();
                int requests = 0;
                // Keep asking for about 2.5 windows of one second: every answer comes from the live peer.
                while (System.nanoTime() - start < 2_500_000_000L) {
                    assertEquals("live", ferry.get(port, "/p").body());
                    requests++;
                }
                int probes = failing.connections();
                assertTrue(requests > 20, "requests: " + requests);
                assertTrue(probes >= 2 && probes <= 4, "one probe per window over ~2.5 windows, saw " + probes);
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void everyPeerDeadIs502ThenNoLiveUpstreamsWithTheGroupName() throws Exception {
        int port = Launcher.freePort();
        int deadA = Launcher.freePort();
        int deadB = Launcher.freePort();
        String conf = config(port, "    server 127.0.0.1:" + deadA + ";\n    server 127.0.0.1:" + deadB + ";\n", "");
        try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
            assertEquals(502, ferry.get(port, "/first").statusCode());
            assertEquals(502, ferry.get(port, "/second").statusCode());
            List<String> lines = logLines(2);
            assertEquals("GET /first|127.0.0.1:" + deadA + ", 127.0.0.1:" + deadB + "|502, 502|502", lines.get(0));
            assertEquals("GET /second|app|502|502", lines.get(1), "no live upstreams: the group's name stands in");
            Launcher.await("the error log line", Duration.ofSeconds(5),
                    () -> ferry.errorLog().contains("no live upstreams while connecting to upstream"));
            assertEquals(0, ferry.stop());
        }
    }

    @Test
    void theBackupServesOnlyWhenNoPrimaryCan() throws Exception {
        try (TestBackend primary = answering("primary", 200); TestBackend backup = answering("backup", 200)) {
            int port = Launcher.freePort();
            int dead = Launcher.freePort();
            String conf = config(port, "    server 127.0.0.1:" + primary.port() + ";\n"
                    + "    server 127.0.0.1:" + backup.port() + " backup;\n", "");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("primary", ferry.get(port, "/").body());
                }
                assertEquals(0, backup.requests.size());
                assertEquals(0, ferry.stop());
            }
            String failing = config(port, "    server 127.0.0.1:" + dead + ";\n"
                    + "    server 127.0.0.1:" + backup.port() + " backup;\n", "");
            try (RunningFerry ferry = RunningFerry.start(prefix, failing)) {
                assertEquals("backup", ferry.get(port, "/").body());
                assertEquals("backup", ferry.get(port, "/").body());
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void aPostThatWasSentIsNeverSentTwiceButAGetMovesOn() throws Exception {
        try (TestBackend closer = closingAfterRequest(); TestBackend live = answering("live", 200)) {
            int port = Launcher.freePort();
            String conf = config(port, "    server 127.0.0.1:" + closer.port() + " max_fails=0;\n"
                    + "    server 127.0.0.1:" + live.port() + " max_fails=0;\n", "");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("POST /pay HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
                assertEquals(502, client.read().status(), "POST is not idempotent: no second try");
                assertEquals(0, live.requests.size(), "the other peer never saw the POST");
                client.send("GET /read HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response get = client.read();
                // Round robin put the GET on the live peer or, after the closer, retried it there.
                assertEquals(200, get.status());
                assertEquals("live", get.text());
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void aListedStatusMovesOnAndAnUnlistedOnePassesThrough() throws Exception {
        try (TestBackend busy = answering("busy", 502); TestBackend live = answering("live", 200)) {
            int port = Launcher.freePort();
            String upstream = "    server 127.0.0.1:" + busy.port() + " max_fails=0;\n    server 127.0.0.1:" + live.port() + " max_fails=0;\n";
            try (RunningFerry ferry = RunningFerry.start(prefix,
                    config(port, upstream, "proxy_next_upstream error timeout http_502;"))) {
                assertEquals("live", ferry.get(port, "/listed").body());
                assertEquals(0, ferry.stop());
            }
            try (RunningFerry ferry = RunningFerry.start(prefix, config(port, upstream, ""))) {
                var response = ferry.get(port, "/unlisted");
                assertEquals(502, response.statusCode(), "the default does not list http_502: the upstream's own 502 passes");
                assertEquals("busy", response.body());
                assertEquals(0, ferry.stop());
            }
            String lines = String.join("\n", logLines(2));
            assertTrue(lines.contains("GET /listed|127.0.0.1:" + busy.port() + ", 127.0.0.1:" + live.port() + "|502, 200|200"), lines);
        }
    }
}
