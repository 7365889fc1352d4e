package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload under load, graceful stop on a plain kill -QUIT, and log reopening — with real signals. */
class LifecycleIT {

    @TempDir
    Path prefix;

    private static TestBackend naming(String name) throws IOException {
        return new TestBackend((request, out) -> {
            TestBackend.respond(out, 200, "", name.getBytes(StandardCharsets.US_ASCII));
            return true;
        });
    }

    /** The load uses {@code app}; the checks use {@code probe}, which nothing else picks from, so its split is exact. */
    private static String config(int port, int extraPort, int a, int weightA, int b, int weightB) {
        String servers = " server 127.0.0.1:" + a + " weight=" + weightA + "; server 127.0.0.1:" + b + " weight=" + weightB + "; ";
        return "events {}\nhttp {\n  access_log off;\n"
                + "  upstream app {" + servers + "}\n  upstream probe {" + servers + "}\n"
                + "  server { listen 127.0.0.1:" + port + "; location / { proxy_pass http://app; }"
                + " location /probe { proxy_pass http://probe; } }\n"
                + (extraPort > 0 ? "  server { listen 127.0.0.1:" + extraPort + "; return 200 extra; }\n" : "")
                + "}\n";
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void fiftyReloadsUnderLoadLoseNoRequestAndApplyTheNewWeights() throws Exception {
        try (TestBackend a = naming("A"); TestBackend b = naming("B")) {
            int port = Launcher.freePort();
            int extra = Launcher.freePort();
            try (RunningFerry ferry = RunningFerry.start(prefix, config(port, 0, a.port(), 3, b.port(), 1))) {
                KeepAliveLoad load = new KeepAliveLoad(port, 32, "/r");
                for (int reload = 1; reload <= 50; reload++) {
                    boolean even = reload % 2 == 0;
                    Files.writeString(ferry.config, even
                            ? config(port, 0, a.port(), 3, b.port(), 1)
                            : config(port, extra, a.port(), 1, b.port(), 3));
                    // kill -HUP, as operators and tools send it (ServeIT covers "ferry -s reload").
                    assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(ferry.process.pid())).start().waitFor());
                    // The extra listener appears with the odd configs and goes with the even ones.
                    Launcher.await("reload " + reload + " to apply", Duration.ofSeconds(20), () -> answers(extra) != even);
                    String majority = even ? "A" : "B";
                    int hits = 0;
                    try (RawClient probe = new RawClient(port)) {
                        for (int i = 0; i < 20; i++) {
                            probe.send("GET /probe HTTP/1.1\r\nHost: h\r\n\r\n");
                            if (probe.read().text().equals(majority)) {
                                hits++;
                            }
                        }
                    }
                    assertEquals(15, hits, "after reload " + reload + " weights 3:1 give " + majority + " 15 of 20");
                }
                load.close();
                assertEquals(0, load.failed.get(), "failed requests during reloads; first: " + load.firstFailure.get());
                assertTrue(load.ok.get() > 500, "the load kept going: " + load.ok.get() + " requests");
                assertEquals(0, ferry.stop());
            }
        }
    }

    @Test
    void reloadsOnHupWhenStartedUnderNohup() throws Exception {
        // nohup leaves SIGHUP ignored, and HotSpot keeps an inherited ignore; nginx reloads anyway.
        int port = Launcher.freePort();
        String conf = "events {}\nhttp {\n  access_log off;\n  server { listen 127.0.0.1:" + port + "; return 200 %s; }\n}\n";
        try (RunningFerry ferry = RunningFerry.startUnder(List.of("nohup"), prefix, conf.formatted("before"))) {
            Files.writeString(ferry.config, conf.formatted("after"));
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(ferry.process.pid())).start().waitFor());
            Launcher.await("the reload under nohup", Duration.ofSeconds(20), () -> {
                try (RawClient client = new RawClient(port)) {
                    client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
                    return client.read().text().equals("after");
                } catch (IOException e) {
                    return false;
                }
            });
            assertEquals(0, ferry.stop());
        }
    }

    @Test
    void quitLetsTheRequestInFlightFinishAndExitsCleanly() throws Exception {
        CountDownLatch busyArrived = new CountDownLatch(1);
        CountDownLatch releaseBusy = new CountDownLatch(1);
        try (TestBackend backend = new TestBackend((request, out) -> {
            if (request.requestLine().contains("/busy")) {
                busyArrived.countDown();
                try {
                    releaseBusy.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TestBackend.respond(out, 200, "", "finished".getBytes());
            return true;
        })) {
            int port = Launcher.freePort();
            String conf = "events {}\nhttp {\n  server {\n    listen 127.0.0.1:" + port + ";\n"
                    + "    location / { proxy_pass http://127.0.0.1:" + backend.port() + "; }\n  }\n}\n";
            try (RunningFerry ferry = RunningFerry.start(prefix, conf);
                 RawClient busy = new RawClient(port);
                 RawClient idle = new RawClient(port)) {
                idle.send("GET /idle HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals(200, idle.read().status());
                busy.send("GET /busy HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(busyArrived.await(10, TimeUnit.SECONDS), "the busy request reached the backend");
                Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(ferry.process.pid())).start();
                assertEquals(0, kill.waitFor());
                assertTrue(idle.closedByPeer(), "an idle keep-alive connection is closed at once");
                assertFalse(answers(port), "no new connections once QUIT arrived");
                releaseBusy.countDown();
                RawClient.Response answer = busy.read();
                assertEquals(200, answer.status());
                assertEquals("finished", answer.text());
                assertEquals("close", answer.header("Connection"), "the last response says the connection ends");
                assertTrue(ferry.process.waitFor(20, TimeUnit.SECONDS), "ferry exits after the last request");
                assertEquals(0, ferry.process.exitValue());
                assertFalse(Files.exists(ferry.pidFile), "the pid file is removed");
                String out = Files.readString(prefix.resolve("stdout.txt")) + ferry.stderrText();
                assertFalse(out.contains("Full thread dump"), "QUIT must not print a thread dump");
                ferry.assertNoLeaks();
            }
        }
    }

    @Test
    void jcmdDoesNotStopFerry() throws Exception {
        // QUIT is nginx's graceful stop; the JDK's tools ask for the attach listener with a QUIT
        // unless it already runs, so bin/ferry starts it up front.
        int port = Launcher.freePort();
        String conf = "events {}\nhttp {\n  server { listen 127.0.0.1:" + port + "; return 200 ok; }\n}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process tool = new ProcessBuilder(jcmd.toString(), Long.toString(ferry.process.pid()), "VM.uptime")
                    .redirectErrorStream(true).start();
            String said = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(tool.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, tool.exitValue(), said);
            try (RawClient client = new RawClient(port)) {
                client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals(200, client.read().status());
            }
            assertTrue(ferry.process.isAlive());
            assertFalse(ferry.errorLog().contains("SIGQUIT"), ferry.errorLog());
            assertEquals(0, ferry.stop());
        }
    }

    @Test
    void termStopsWithinASecond() throws Exception {
        int port = Launcher.freePort();
        String conf = "events {}\nhttp {\n  server { listen 127.0.0.1:" + port + "; return 200 ok; }\n}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient open = new RawClient(port)) {
            open.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(200, open.read().status());
            long start = System.nanoTime();
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(ferry.process.pid())).start().waitFor());
            assertTrue(ferry.process.waitFor(5, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1000, "TERM took " + millis + " ms");
            assertEquals(0, ferry.process.exitValue());
            assertFalse(Files.exists(ferry.pidFile));
        }
    }

    @Test
    void reopenUnderTwentySecondsOfLoadLosesAndSplitsNoLine() throws Exception {
        int port = Launcher.freePort();
        String conf = "events {}\nhttp {\n  access_log logs/access.log;\n  server { listen 127.0.0.1:" + port
                + "; return 200 ok; }\n}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, conf)) {
            KeepAliveLoad load = new KeepAliveLoad(port, 4, "/load-");
            Path log = prefix.resolve("logs/access.log");
            Path rotated = prefix.resolve("logs/access.log.1");
            long start = System.nanoTime();
            Launcher.await("ten seconds of load", Duration.ofSeconds(30), () -> System.nanoTime() - start > 10_000_000_000L);
            Files.move(log, rotated);
            assertEquals(0, ferry.signal("reopen").exitCode());
            Launcher.await("twenty seconds of load", Duration.ofSeconds(30), () -> System.nanoTime() - start > 20_000_000_000L);
            load.close();
            assertEquals(0, load.failed.get(), "first failure: " + load.firstFailure.get());
            int expected = load.ok.get();
            Launcher.await("every response logged", Duration.ofSeconds(20), () -> lines(log) + lines(rotated) == expected);
            String combined = "127\\.0\\.0\\.1 - - \\[[^]]+\\] \"GET /load-\\d+-\\d+ HTTP/1\\.1\" 200 2 \"-\" \"-\"";
            for (Path file : List.of(rotated, log)) {
                for (String line : Files.readAllLines(file)) {
                    assertTrue(line.matches(combined), "a whole line: " + line);
                }
            }
            assertTrue(lines(log) > 0 && lines(rotated) > 0, "both files got lines");
            assertEquals(0, ferry.stop());
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
