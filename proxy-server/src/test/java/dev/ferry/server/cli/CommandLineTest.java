package dev.ferry.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line read as nginx's {@code ngx_get_options} reads it (SPEC-nginx.md §1.5). */
class CommandLineTest {

    @Test
    void noArgumentsSetNothing() throws Exception {
        CommandLine cl = parse();
        assertFalse(cl.showHelp() || cl.showVersion() || cl.showConfigure() || cl.testConfig() || cl.quiet());
        assertNull(cl.configFile());
        assertNull(cl.signal());
    }

    @Test
    void flagsCanBeGrouped() throws Exception {
        CommandLine cl = parse("-tq");
        assertTrue(cl.testConfig());
        assertTrue(cl.quiet());
        assertFalse(cl.dumpConfig());
    }

    @Test
    void capitalTTestsAndDumps() throws Exception {
        CommandLine cl = parse("-T");
        assertTrue(cl.testConfig());
        assertTrue(cl.dumpConfig());
    }

    @Test
    void valueCanBeAttached() throws Exception {
        CommandLine cl = parse("-cfile.conf", "-p/srv/ferry", "-e/tmp/err.log", "-gpid x.pid;", "-sreload");
        assertEquals("file.conf", cl.configFile());
        assertEquals("/srv/ferry", cl.prefix());
        assertEquals("/tmp/err.log", cl.errorLog());
        assertEquals("pid x.pid;", cl.globals());
        assertEquals("reload", cl.signal());
    }

    @Test
    void valueCanBeTheNextArgument() throws Exception {
        CommandLine cl = parse("-c", "file.conf", "-p", "/srv/ferry", "-e", "stderr", "-g", "daemon off;", "-s", "quit");
        assertEquals("file.conf", cl.configFile());
        assertEquals("/srv/ferry", cl.prefix());
        assertEquals("stderr", cl.errorLog());
        assertEquals("daemon off;", cl.globals());
        assertEquals("quit", cl.signal());
    }

    @Test
    void valuedOptionEndsItsGroup() throws Exception {
        CommandLine cl = parse("-tc", "file.conf");
        assertTrue(cl.testConfig());
        assertEquals("file.conf", cl.configFile());
        // The rest of the word is the value, even if it looks like flags.
        assertEquals("q", parse("-cq").configFile());
    }

    @Test
    void nextArgumentIsTakenEvenIfItStartsWithADash() throws Exception {
        assertEquals("-t", parse("-c", "-t").configFile());
    }

    @Test
    void helpSetsHelpAndVersion() throws Exception {
        for (String flag : List.of("-h", "-?")) {
            CommandLine cl = parse(flag);
            assertTrue(cl.showHelp());
            assertTrue(cl.showVersion());
            assertFalse(cl.showConfigure());
        }
    }

    @Test
    void capitalVSetsVersionAndConfigure() throws Exception {
        CommandLine cl = parse("-V");
        assertTrue(cl.showVersion());
        assertTrue(cl.showConfigure());
        assertFalse(cl.showHelp());
    }

    @Test
    void smallVSetsVersionOnly() throws Exception {
        CommandLine cl = parse("-v");
        assertTrue(cl.showVersion());
        assertFalse(cl.showConfigure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "quit", "reopen", "reload"})
    void everyNginxSignalNameIsAccepted(String signal) throws Exception {
        assertEquals(signal, parse("-s", signal).signal());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusals")
    void badCommandLineIsRefusedWithNginxWording(List<String> argv, String message) {
        CommandLine.InvalidOption e = assertThrows(CommandLine.InvalidOption.class, () -> CommandLine.parse(argv));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(List.of("-c"), "option \"-c\" requires file name"),
                Arguments.of(List.of("-e"), "option \"-e\" requires file name"),
                Arguments.of(List.of("-p"), "option \"-p\" requires directory name"),
                Arguments.of(List.of("-g"), "option \"-g\" requires parameter"),
                Arguments.of(List.of("-s"), "option \"-s\" requires parameter"),
                Arguments.of(List.of("-tc"), "option \"-c\" requires file name"),
                Arguments.of(List.of("-x"), "invalid option: \"x\""),
                Arguments.of(List.of("-tx"), "invalid option: \"x\""),
                Arguments.of(List.of("-s", "foo"), "invalid option: \"-s foo\""),
                Arguments.of(List.of("-sfoo"), "invalid option: \"-s foo\""),
                Arguments.of(List.of("foo"), "invalid option: \"foo\""),
                Arguments.of(List.of("-t", "foo"), "invalid option: \"foo\""),
                Arguments.of(List.of(""), "invalid option: \"\""));
    }

    @Test
    void firstBadArgumentStopsTheRead() {
        CommandLine.InvalidOption e = assertThrows(CommandLine.InvalidOption.class,
                () -> CommandLine.parse(List.of("-x", "-c")));
        assertEquals("invalid option: \"x\"", e.getMessage());
    }

    private static CommandLine parse(String... argv) throws CommandLine.InvalidOption {
        return CommandLine.parse(List.of(argv));
    }
}
