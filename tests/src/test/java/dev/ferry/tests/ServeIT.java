package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serving: the shipped demo, reload and stop through -s, and a listener that cannot be bound. */
class ServeIT {

    @TempDir
    Path prefix;

    /** conf/ferry.conf as shipped, with its three fixed ports swapped for free ones. */
    private String demoConfig(int proxy, int a, int b) throws Exception {
        String shipped = Files.readString(Launcher.HOME.resolve("conf/ferry.conf"));
        assertTrue(shipped.contains(":8080") && shipped.contains(":9001") && shipped.contains(":9002"), shipped);
        return shipped.replace(":8080", ":" + proxy).replace(":9001", ":" + a).replace(":9002", ":" + b);
    }

    @Test
    void theDemoSplitsThreeHundredRequestsExactlyOneHundredAndTwoHundred() throws Exception {
        int proxy = Launcher.freePort();
        try (RunningFerry ferry = RunningFerry.start(prefix, demoConfig(proxy, Launcher.freePort(), Launcher.freePort()))) {
            Map<String, Integer> answers = new TreeMap<>();
            for (int i = 0; i < 300; i++) {
                HttpResponse<String> response = ferry.get(proxy, "/");
                assertEquals(200, response.statusCode());
                answers.merge(response.body().strip(), 1, Integer::sum);
            }
            assertEquals(Map.of("backend-a", 100, "backend-b", 200), answers, "smooth weighted round robin is exact");
            assertEquals(0, ferry.stop());
            assertFalse(Files.exists(ferry.pidFile), "the pid file is removed at exit");
        }
    }

    @Test
    void reloadSwapsTheConfigAndABrokenReloadChangesNothing() throws Exception {
        int port = Launcher.freePort();
        String v1 = "events {}\nhttp {\n    server {\n        listen 127.0.0.1:" + port + ";\n        return 200 one;\n    }\n}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, v1)) {
            assertEquals("one", ferry.get(port, "/").body());

            Files.writeString(ferry.config, v1.replace("return 200 one;", "return 200 two;"));
            Launcher.Result reload = ferry.signal("reload");
            assertEquals(0, reload.exitCode(), reload.stderr());
            Launcher.await("the reloaded answer", Duration.ofSeconds(20), () -> body(ferry, port).equals("two"));

            Files.writeString(ferry.config, v1.replace("return 200 one;", "retrun 200 three;"));
            Launcher.Result broken = ferry.signal("reload");
            assertEquals(1, broken.exitCode(), "-s parses the config first, as nginx does");
            assertEquals("ferry: [emerg] unknown directive \"retrun\" in " + ferry.config + ":5\n", broken.stderr());
            // Signalled anyway (kill -HUP), the running instance logs the error and keeps its config.
            new ProcessBuilder("kill", "-HUP", Long.toString(ferry.process.pid())).start().waitFor();
            Launcher.await("the reload error in the error log", Duration.ofSeconds(20),
                    () -> ferry.errorLog().contains("[emerg]"));
            assertTrue(ferry.errorLog().contains("unknown directive \"retrun\" in " + ferry.config + ":5"),
                    ferry.errorLog());
            assertEquals("two", ferry.get(port, "/").body(), "a failed reload keeps the old config");
            Files.writeString(ferry.config, v1); // -s stop, like nginx, needs a config it can parse
            assertEquals(0, ferry.stop());
        }
    }

    @Test
    void aListenerThatCannotBeBoundStopsTheStartWithoutAPidFile() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path config = prefix.resolve("conf/test.conf");
            Files.createDirectories(config.getParent());
            Files.createDirectories(prefix.resolve("logs"));
            Files.writeString(config, "events {}\nhttp {\n server {\n  listen 127.0.0.1:" + port + ";\n  return 204;\n }\n}\n");
            Launcher.Result r = Launcher.run("-p", prefix.toString(), "-c", "conf/test.conf");
            assertEquals(1, r.exitCode());
            assertEquals("ferry: [emerg] bind() to 127.0.0.1:" + port + " failed (98: Address already in use)\n", r.stderr());
            assertFalse(Files.exists(prefix.resolve("logs/ferry.pid")));
        }
    }

    @Test
    void aProxiedBackendThatRefusesGetsA502() throws Exception {
        int port = Launcher.freePort();
        int dead = Launcher.freePort();
        String config = "events {}\nhttp {\n    server {\n        listen 127.0.0.1:" + port + ";\n"
                + "        location / { proxy_pass http://127.0.0.1:" + dead + "; }\n    }\n}\n";
        try (RunningFerry ferry = RunningFerry.start(prefix, config)) {
            HttpResponse<String> response = ferry.get(port, "/x");
            assertEquals(502, response.statusCode());
            assertTrue(response.body().contains("<title>502 Bad Gateway</title>"), response.body());
            assertEquals(0, ferry.stop());
        }
    }

    private static String body(RunningFerry ferry, int port) {
        try {
            return ferry.get(port, "/").body();
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }
}
