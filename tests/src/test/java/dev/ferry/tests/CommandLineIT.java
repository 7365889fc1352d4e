package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a real process: nginx's options, messages and exit codes. */
class CommandLineIT {

    @TempDir
    Path prefix;

    private Path writeConfig(String name, String text) throws Exception {
        Path file = prefix.resolve("conf").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static final String GOOD = """
            events {}
            http {
                server {
                    listen 127.0.0.1:1;
                    return 200 ok;
                }
            }
            """;

    @Test
    void versionGoesToStderrAndExitsZero() throws Exception {
        Launcher.Result r = Launcher.run("-v");
        assertEquals(0, r.exitCode());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().startsWith("ferry version: ferry/"), r.stderr());
    }

    @Test
    void capitalVListsEveryUnimplementedNginxModuleAsWithout() throws Exception {
        Launcher.Result r = Launcher.run("-V");
        assertEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("built with Java 25"), r.stderr());
        String configure = r.stderr().lines().filter(l -> l.startsWith("configure arguments:")).findFirst().orElseThrow();
        assertTrue(configure.contains(" --without-http_gzip_module"), configure);
        assertTrue(configure.contains(" --without-http_fastcgi_module"), configure);
        assertFalse(configure.contains("--without-http_proxy_module"), configure);
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Launcher.Result r = Launcher.run("-h");
        assertEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("Usage: ferry [-?hvVtTq] [-s signal]"), r.stderr());
    }

    @Test
    void anUnknownOptionIsRefusedWithNginxsMessage() throws Exception {
        Launcher.Result r = Launcher.run("-x");
        assertEquals(1, r.exitCode());
        assertEquals("ferry: invalid option: \"x\"\n", r.stderr());
    }

    @Test
    void aMissingOptionValueIsNamed() throws Exception {
        Launcher.Result r = Launcher.run("-c");
        assertEquals(1, r.exitCode());
        assertEquals("ferry: option \"-c\" requires file name\n", r.stderr());
    }

    @Test
    void anUnknownSignalNameIsRefused() throws Exception {
        Launcher.Result r = Launcher.run("-s", "foo");
        assertEquals(1, r.exitCode());
        assertEquals("ferry: invalid option: \"-s foo\"\n", r.stderr());
    }

    @Test
    void testingAGoodConfigPrintsNginxsTwoLines() throws Exception {
        Path conf = writeConfig("good.conf", GOOD);
        Launcher.Result r = Launcher.run("-p", prefix.toString(), "-c", "conf/good.conf", "-t");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("ferry: the configuration file " + conf + " syntax is ok\n"
                + "ferry: configuration file " + conf + " test is successful\n", r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void quietTestingPrintsNothing() throws Exception {
        writeConfig("good.conf", GOOD);
        Launcher.Result r = Launcher.run("-tq", "-p", prefix.toString(), "-c", "conf/good.conf");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
    }

    @Test
    void testingABrokenConfigNamesFileAndLineAndFails() throws Exception {
        Path conf = writeConfig("bad.conf", "events {}\nhttp {\n    foo bar;\n}\n");
        Launcher.Result r = Launcher.run("-t", "-p", prefix.toString(), "-c", "conf/bad.conf");
        assertEquals(1, r.exitCode());
        assertEquals("ferry: [emerg] unknown directive \"foo\" in " + conf + ":3\n"
                + "ferry: configuration file " + conf + " test failed\n", r.stderr());
    }

    @Test
    void aBrokenConfigStopsAStartWithExitOne() throws Exception {
        Path conf = writeConfig("bad.conf", "events {}\nhttp {\n    server {\n        listen 127.0.0.1:1 ssl;\n");
        Launcher.Result r = Launcher.run("-p", prefix.toString(), "-c", "conf/bad.conf");
        assertEquals(1, r.exitCode());
        assertEquals("ferry: [emerg] the \"ssl\" parameter requires ngx_http_ssl_module in " + conf + ":4\n", r.stderr());
        assertFalse(Files.exists(prefix.resolve("logs/ferry.pid")));
    }

    @Test
    void dumpPrintsEveryFileReadOnceInReadingOrder() throws Exception {
        Path main = writeConfig("main.conf", "events {}\nhttp {\n    include parts/*.conf;\n    include parts/a.conf;\n}\n");
        Path a = writeConfig("parts/a.conf", "server { listen 127.0.0.1:1; return 200 a; }\n");
        Path b = writeConfig("parts/b.conf", "server { listen 127.0.0.1:2; return 200 b; }\n");
        Launcher.Result r = Launcher.run("-T", "-p", prefix.toString(), "-c", "conf/main.conf");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().endsWith("test is successful\n"), r.stderr());
        String expected = "# configuration file " + main + ":\n" + Files.readString(main) + "\n"
                + "# configuration file " + a + ":\n" + Files.readString(a) + "\n"
                + "# configuration file " + b + ":\n" + Files.readString(b) + "\n";
        assertEquals(expected, r.stdout());
    }

    @Test
    void globalDirectivesComeBeforeTheFileAndMayNotRepeatIt() throws Exception {
        Path conf = writeConfig("pid.conf", "pid logs/other.pid;\nevents {}\n");
        Launcher.Result r = Launcher.run("-t", "-p", prefix.toString(), "-c", "conf/pid.conf", "-g", "pid logs/g.pid;");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().startsWith("ferry: [emerg] \"pid\" directive is duplicate in " + conf + ":1\n"), r.stderr());
    }

    @Test
    void signallingWithoutARunningInstanceReportsTheMissingPidFile() throws Exception {
        writeConfig("good.conf", GOOD);
        Launcher.Result r = Launcher.run("-p", prefix.toString(), "-c", "conf/good.conf", "-s", "reload");
        assertEquals(1, r.exitCode());
        assertEquals("ferry: [error] open() \"" + prefix.resolve("logs/ferry.pid")
                + "\" failed (2: No such file or directory)\n", r.stderr());
    }

    @Test
    void signallingAPidFileWithGarbageIsRefused() throws Exception {
        writeConfig("good.conf", GOOD);
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("logs/ferry.pid"), "abc\n");
        Launcher.Result r = Launcher.run("-p", prefix.toString(), "-c", "conf/good.conf", "-s", "stop");
        assertEquals(1, r.exitCode());
        assertEquals("ferry: [error] invalid PID number \"abc\" in \"" + prefix.resolve("logs/ferry.pid") + "\"\n",
                r.stderr());
    }
}
