package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy core end to end: what goes upstream, what comes back, keep-alive, limits, timeouts, errors. */
class ProxyCoreIT {

    @TempDir
    Path prefix;

    /** A backend that answers every request with the request head it received. */
    private static TestBackend echo() throws Exception {
        return new TestBackend((request, out) -> {
            request.readBody();
            TestBackend.respond(out, 200, "Content-Type: text/plain\r\n", request.head.getBytes(StandardCharsets.ISO_8859_1));
            return true;
        });
    }

    private static String config(int port, String http, String server) {
        return "events {}\nhttp {\n" + http + "\n    server {\n        listen 127.0.0.1:" + port + ";\n" + server + "\n    }\n}\n";
    }

    @Test
    void theRequestHeadGoesUpstreamAsNginxSendsIt() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "upstream backend { server 127.0.0.1:" + backend.port() + "; }",
                    """
                    location / {
                        proxy_pass http://backend;
                        proxy_set_header X-Real-IP $remote_addr;
                        proxy_set_header X-Strip "";
                    }
                    """);
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("GET /path%20x?q=1 HTTP/1.1\r\nHost: example.test\r\nX-Strip: 1\r\nConnection: keep-alive\r\n"
                        + "Keep-Alive: 300\r\nTE: trailers\r\nFoo: bar\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n");
                RawClient.Response response = client.read();
                assertEquals(200, response.status());
                List<String> lines = List.of(response.text().split("\r\n"));
                assertEquals("GET /path%20x?q=1 HTTP/1.1", lines.get(0), "the request-target goes as the client sent it");
                assertEquals(List.of("Host: backend", "X-Real-IP: 127.0.0.1", "Foo: bar", "X-Forwarded-For: 10.0.0.1"),
                        lines.subList(1, lines.size()), "Host first, then proxy_set_header, then the client's minus hop-by-hop");
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void proxySetHeaderAtALevelReplacesEveryInheritedOne() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "proxy_set_header X-Http http;",
                    "location /inherit { proxy_pass http://127.0.0.1:" + backend.port() + "; }\n"
                            + "location /own { proxy_pass http://127.0.0.1:" + backend.port() + "; proxy_set_header X-Loc loc; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
                String inherit = ferry.get(port, "/inherit").body();
                assertTrue(inherit.contains("X-Http: http\r\n"), inherit);
                String own = ferry.get(port, "/own").body();
                assertTrue(own.contains("X-Loc: loc\r\n"), own);
                assertFalse(own.contains("X-Http"), own);
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void aUriPartReplacesTheMatchedPrefixAndKeepsTheArgs() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "", "location /name/ { proxy_pass http://127.0.0.1:" + backend.port() + "/remote/; }\n"
                    + "location /vars { proxy_pass http://127.0.0.1:" + backend.port() + "/fixed$is_args$args; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("GET /name/a%20b?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(client.read().text().startsWith("GET /remote/a%20b?x=1 HTTP/1.1\r\n"));
                client.send("GET /name HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response redirect = client.read();
                assertEquals(301, redirect.status(), "one slash short of a proxying location is redirected");
                assertEquals("http://h:" + port + "/name/", redirect.header("Location"));
                client.send("GET /vars?a=b HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(client.read().text().startsWith("GET /fixed?a=b HTTP/1.1\r\n"),
                        "a URL with variables is sent exactly as evaluated");
                assertEquals(0, ferry.stop());
            }
        }
    }

    /** The echoed request head, one char per byte. */
    private static String wire(RawClient.Response response) {
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesAbove127InTheTargetGoUpstreamAsNginxSendsThem() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "", "location /name/ { proxy_pass http://127.0.0.1:" + backend.port() + "/remote/; }\n"
                    + "location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }");
            // The UTF-8 bytes of "/café?q=€", one char per byte as RawClient sends them.
            String cafe = "/caf\u00c3\u00a9";
            String euro = "?q=\u00e2\u0082\u00ac";
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("GET " + cafe + euro + " HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(wire(client.read()).startsWith("GET " + cafe + euro + " HTTP/1.1\r\n"),
                        "no URI part: the target as the client sent it, byte for byte");
                client.send("GET /name" + cafe + euro + " HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(wire(client.read()).startsWith("GET /remote" + cafe + euro + " HTTP/1.1\r\n"),
                        "a URI part and a target without escapes: $uri's bytes as they are");
                client.send("GET /name/caf%C3%A9%20x" + euro + " HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(wire(client.read()).startsWith("GET /remote/caf%C3%A9%20x" + euro + " HTTP/1.1\r\n"),
                        "a URI part and a target with escapes: $uri escaped again");
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void theResponseLosesHiddenHeadersAndGetsRedirectRewriteAndAddHeader() throws Exception {
        try (TestBackend backend = new TestBackend((request, out) -> {
            TestBackend.respond(out, 302, "Server: origin\r\nDate: Mon, 01 Jan 2001 00:00:00 GMT\r\nX-Accel-Expires: 5\r\n"
                    + "X-Pad: x\r\nX-Secret: s\r\nLocation: http://127.0.0.1/two/next\r\n", "moved".getBytes());
            return true;
        })) {
            int port = Launcher.freePort();
            String conf = config(port, "upstream u { server 127.0.0.1:" + backend.port() + "; }",
                    """
                    location /one/ {
                        proxy_pass http://u/two/;
                        proxy_redirect http://127.0.0.1/two/ /one/;
                        proxy_hide_header X-Secret;
                        add_header X-Added yes;
                        server_tokens off;
                    }
                    """);
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("GET /one/x HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response r = client.read();
                assertEquals(302, r.status());
                assertEquals("ferry", r.header("Server"));
                assertFalse(r.head().contains("Mon, 01 Jan 2001"), r.head());
                assertNull(r.header("X-Accel-Expires"));
                assertNull(r.header("X-Pad"));
                assertNull(r.header("X-Secret"));
                assertEquals("/one/next", r.header("Location"));
                assertEquals("yes", r.header("X-Added"));
                assertEquals("moved", r.text());
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void oneBackendConnectionServesManyClientRequests() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "upstream pooled { server 127.0.0.1:" + backend.port() + "; }",
                    "location / { proxy_pass http://pooled; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
                for (int c = 0; c < 3; c++) {
                    try (RawClient client = new RawClient(port)) {
                        for (int i = 0; i < 10; i++) {
                            client.send("GET /" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
                            assertEquals(200, client.read().status());
                        }
                    }
                }
                assertEquals(30, backend.requests.size());
                assertEquals(1, backend.connections(), "keepalive 32 (the 1.30 default) reuses the upstream connection");
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "", "location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }\n"
                    + "location = /local { return 200 local; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /local HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(client.read().text().startsWith("GET /a "));
                assertEquals("local", client.read().text());
                assertTrue(client.read().text().startsWith("GET /b "));
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void bodiesGoThroughChunkedAndWithContentLength() throws Exception {
        try (TestBackend backend = new TestBackend((request, out) -> {
            byte[] body = request.readBody();
            out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes());
            String text = request.requestLine() + " len=" + request.header("Content-Length") + " body=" + new String(body);
            out.write((Integer.toHexString(text.length()) + "\r\n" + text + "\r\n0\r\n\r\n").getBytes());
            return true;
        })) {
            int port = Launcher.freePort();
            String conf = config(port, "", "location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                RawClient.Response r = client.read();
                assertEquals("chunked", r.header("Transfer-Encoding"));
                assertEquals("POST /c HTTP/1.1 len=11 body=hello world", r.text(),
                        "a small chunked body is buffered and sent with its length");
                client.send("PUT /l HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
                assertEquals("PUT /l HTTP/1.1 len=3 body=abc", client.read().text());
                client.send("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals(200, client.read(true).status());
                client.send("GET /after-head HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(client.read().text().startsWith("GET /after-head"), "the connection is intact after HEAD");
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "", "location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
                RawClient.Response interim = client.read();
                assertEquals(100, interim.status());
                client.send("data");
                RawClient.Response r = client.read();
                assertEquals(200, r.status());
                assertFalse(r.text().contains("Expect"), "Expect is not passed upstream");
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void aTooLargeBodyIs413BeforeItIsRead() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, "client_max_body_size 10;", "location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n");
                RawClient.Response r = client.read();
                assertEquals(413, r.status());
                assertTrue(r.text().contains("<title>413 Request Entity Too Large</title>"), r.text());
                assertEquals(0, backend.requests.size());
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void aSilentUpstreamIs504AfterTheReadTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestBackend backend = new TestBackend((request, out) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        })) {
            int port = Launcher.freePort();
            String conf = config(port, "", "location / { proxy_pass http://127.0.0.1:" + backend.port() + "; proxy_read_timeout 300ms; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                long start = System.nanoTime();
                client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response r = client.read();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(504, r.status());
                assertTrue(r.text().contains("504 Gateway Time-out"), r.text());
                assertTrue(millis >= 250 && millis < 5000, "answered after the read timeout: " + millis + " ms");
                release.countDown();
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void errorPageAnswersForAFailedUpstreamAndInterceptsUpstreamErrors() throws Exception {
        try (TestBackend failing = new TestBackend((request, out) -> {
            TestBackend.respond(out, 503, "", "origin error page".getBytes());
            return true;
        })) {
            int port = Launcher.freePort();
            int dead = Launcher.freePort();
            String conf = config(port, "", "location /dead { proxy_pass http://127.0.0.1:" + dead + "; error_page 502 =200 @fallback; }\n"
                    + "location /intercept { proxy_pass http://127.0.0.1:" + failing.port() + "; proxy_intercept_errors on;"
                    + " error_page 503 /sorry; }\n"
                    + "location = /sorry { return 200 sorry; }\n"
                    + "location @fallback { return 200 fallback; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("GET /dead HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response dead502 = client.read();
                assertEquals(200, dead502.status());
                assertEquals("fallback", dead502.text());
                client.send("GET /intercept HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response intercepted = client.read();
                assertEquals(503, intercepted.status(), "without =CODE the error's own status is kept");
                assertEquals("sorry", intercepted.text());
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void hostSelectsTheServerAndABadHostIs400() throws Exception {
        int port = Launcher.freePort();
        String conf = "events {}\nhttp {\n"
                + "  server { listen 127.0.0.1:" + port + "; server_name a.test; return 200 a; }\n"
                + "  server { listen 127.0.0.1:" + port + " default_server; server_name *.b.test; return 200 b; }\n"
                + "}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
            client.send("GET / HTTP/1.1\r\nHost: A.test:" + port + "\r\n\r\n");
            assertEquals("a", client.read().text());
            client.send("GET / HTTP/1.1\r\nHost: x.b.test\r\n\r\n");
            assertEquals("b", client.read().text());
            client.send("GET / HTTP/1.1\r\nHost: other\r\n\r\n");
            assertEquals("b", client.read().text(), "the default_server takes unknown names");
            client.send("GET / HTTP/1.1\r\nHost: a..test\r\n\r\n");
            RawClient.Response bad = client.read();
            assertEquals(400, bad.status());
            assertEquals("close", bad.header("Connection"));
            assertEquals(0, ferry.stop());
        }
    }

    @Test
    void mapDefinesVariablesForHeaders() throws Exception {
        try (TestBackend backend = echo()) {
            int port = Launcher.freePort();
            String conf = config(port, """
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        ''      close;
                    }
                    map $uri $section {
                        ~^/api/ api;
                        /exact  exact;
                        default other;
                    }
                    """, "location / { proxy_pass http://127.0.0.1:" + backend.port() + ";"
                    + " proxy_set_header Connection $connection_upgrade; proxy_set_header X-Section $section; }");
            try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
                String api = ferry.get(port, "/api/x").body();
                assertTrue(api.contains("Connection: close\r\n") && api.contains("X-Section: api\r\n"), api);
                String exact = ferry.get(port, "/EXACT").body();
                assertTrue(exact.contains("X-Section: exact\r\n"), "exact keys are compared lowercased: " + exact);
                assertEquals(0, ferry.stop());
            }
        }
    }
}
