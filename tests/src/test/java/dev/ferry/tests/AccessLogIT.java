package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access and error logs as nginx writes them, from a real process. */
class AccessLogIT {

    @TempDir
    Path prefix;

    private List<String> lines(String file, int expected) throws Exception {
        Path log = prefix.resolve("logs").resolve(file);
        Launcher.await(expected + " lines in " + file, Duration.ofSeconds(10), () -> {
            try {
                return Files.exists(log) && Files.readAllLines(log).size() >= expected;
            } catch (IOException e) {
                return false;
            }
        });
        return Files.readAllLines(log);
    }

    @Test
    void combinedAndJsonLinesAreNginxs() throws Exception {
        int port = Launcher.freePort();
        String conf = "events {}\nhttp {\n"
                + "  log_format js escape=json '{\"uri\":\"$uri\",\"args\":\"$args\",\"ua\":\"$http_user_agent\"}';\n"
                + "  log_format len '$request_length';\n"
                + "  server {\n    listen 127.0.0.1:" + port + ";\n"
                + "    access_log logs/access.log;\n    access_log logs/json.log js;\n    access_log logs/len.log len;\n"
                + "    location / { return 200 ok; }\n  }\n}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
            String first = "GET /a%22b?x=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: t\"q\r\nReferer: http://r/\r\n\r\n";
            client.send(first);
            assertEquals(200, client.read().status());
            // $request_length counts the head's bytes as they came, however the fields are spaced.
            String second = "GET /b HTTP/1.1\nHost:h\nX-Spaced:    v   \r\n\r\n";
            client.send(second);
            assertEquals(200, client.read().status());
            assertEquals(List.of(Integer.toString(first.length()), Integer.toString(second.length())), lines("len.log", 2));
            String combined = lines("access.log", 1).get(0);
            assertTrue(combined.matches("127\\.0\\.0\\.1 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\] "
                    + "\"GET /a%22b\\?x=1 HTTP/1\\.1\" 200 2 \"http://r/\" \"t\\\\x22q\""), combined);
            assertEquals("{\"uri\":\"/a\\\"b\",\"args\":\"x=1\",\"ua\":\"t\\\"q\"}", lines("json.log", 1).get(0));
            assertEquals(0, ferry.stop());
        }
    }

    @Test
    void aClientThatLeavesIsLogged499() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestBackend slow = new TestBackend((request, out) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        })) {
            int port = Launcher.freePort();
            String conf = "events {}\nhttp {\n  log_format s '$status $upstream_status';\n  access_log logs/s.log s;\n"
                    + "  server {\n    listen 127.0.0.1:" + port + ";\n"
                    + "    location / { proxy_pass http://127.0.0.1:" + slow.port() + "; }\n  }\n}\n";
            try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
                try (RawClient client = new RawClient(port)) {
                    client.send("GET /leave HTTP/1.1\r\nHost: h\r\n\r\n");
                    Launcher.await("the request at the backend", Duration.ofSeconds(10), () -> slow.requests.size() == 1);
                }
                assertEquals("499 -", lines("s.log", 1).get(0));
                release.countDown();
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void upstreamErrorsGoToTheErrorLogInNginxsFormat() throws Exception {
        int port = Launcher.freePort();
        int dead = Launcher.freePort();
        String conf = "error_log logs/error.log error;\nevents {}\nhttp {\n  server {\n    listen 127.0.0.1:" + port + ";\n"
                + "    server_name example;\n    location / { proxy_pass http://127.0.0.1:" + dead + "; }\n  }\n}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
            assertEquals(502, ferry.get(port, "/x?y=1").statusCode());
            Launcher.await("the error line", Duration.ofSeconds(10), () -> ferry.errorLog().contains("connect() failed"));
            String line = ferry.errorLog().lines().filter(l -> l.contains("connect() failed")).findFirst().orElseThrow();
            assertTrue(line.matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[error\\] \\d+#0: \\*\\d+ connect\\(\\) failed "
                    + "\\(111: Connection refused\\) while connecting to upstream, client: 127\\.0\\.0\\.1, server: example, "
                    + "request: \"GET /x\\?y=1 HTTP/1\\.1\", upstream: \"http://127\\.0\\.0\\.1:" + dead + "/x\", "
                    + "host: \"127\\.0\\.0\\.1:" + port + "\""), line);
            assertEquals(0, ferry.stop());
        }
    }
}
