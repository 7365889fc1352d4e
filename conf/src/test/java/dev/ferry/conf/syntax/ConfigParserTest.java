package dev.ferry.conf.syntax;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import dev.ferry.conf.DirectiveHandler;
import dev.ferry.conf.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** How the parser drives the handler, which files it reports, and how it opens them. */
class ConfigParserTest {

    private static final Map<String, Context> BLOCKS = Map.of(
            "events", Context.EVENTS, "http", Context.HTTP, "server", Context.SERVER,
            "location", Context.LOCATION, "types", Context.TYPES);

    @TempDir
    Path dir;

    /** Records every call and opens the contexts named in {@link #BLOCKS}. */
    private static final class RecordingHandler implements DirectiveHandler {
        final List<String> calls = new ArrayList<>();

        @Override
        public Context accept(Directive head, Context context) {
            calls.add(head.name() + "@" + context + ":" + head.position().line()
                    + (head.isBlock() ? "{" + head.block().size() + "}" : ""));
            if (!head.isBlock()) {
                return null;
            }
            return BLOCKS.getOrDefault(head.name(), context);
        }
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void handlerSeesDirectivesInReadingOrderWithTheirContext() throws IOException {
        Path main = write("nginx.conf", """
                worker_processes 1;
                http {
                    include mime.conf;
                    server {
                        listen 80;
                    }
                }
                """);
        write("mime.conf", "types {\n  text/html html;\n}\n");
        RecordingHandler handler = new RecordingHandler();

        ConfigParser.parse(main, handler);

        assertEquals(List.of(
                "worker_processes@MAIN:1",
                "http@MAIN:2{0}",
                "types@HTTP:1{0}",
                "text/html@TYPES:2",
                "server@HTTP:4{0}",
                "listen@SERVER:5"), handler.calls);
    }

    @Test
    void blockDirectiveReachesTheHandlerEmptyAndTheTreeFull() throws IOException {
        Path main = write("nginx.conf", "http {\n  a;\n  b;\n}\n");
        List<Integer> blockSizesSeen = new ArrayList<>();

        ParsedConfig config = ConfigParser.parse(main, (head, context) -> {
            if (head.isBlock()) {
                blockSizesSeen.add(head.block().size());
                return Context.HTTP;
            }
            return null;
        });

        assertEquals(List.of(0), blockSizesSeen);
        Directive http = config.directives().getFirst();
        assertEquals(List.of("a", "b"), http.block().stream().map(Directive::name).toList());
        assertEquals(SourcePosition.of(main, 1), http.position());
    }

    @Test
    void handlerErrorOnLine3WinsOverSyntaxErrorOnLine9() throws IOException {
        Path main = write("nginx.conf", "a;\nb;\nproxy_read_timeout 1s;\nc;\n\n\n\n\n}\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(main, (head, context) -> {
            if (head.name().equals("proxy_read_timeout")) {
                throw head.error("is duplicate");
            }
            return null;
        }));

        assertEquals("\"proxy_read_timeout\" directive is duplicate in " + main + ":3", e.getMessage());
    }

    @Test
    void syntaxErrorOnLine2WinsOverHandlerErrorOnLine3() throws IOException {
        Path main = write("nginx.conf", "a;\n;\nbad;\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, (head, context) -> failOn("bad", head)));

        assertEquals("unexpected \";\" in " + main + ":2", e.getMessage());
    }

    private static Context failOn(String name, Directive head) {
        if (head.name().equals(name)) {
            throw head.error("must not be read");
        }
        return null;
    }

    @Test
    void handlerErrorInAnIncludedFileNamesThatFile() throws IOException {
        Path main = write("nginx.conf", "a;\ninclude inc.conf;\n");
        Path inc = write("inc.conf", "b;\nbad;\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, (head, context) -> failOn("bad", head)));

        assertEquals("\"bad\" directive must not be read in " + inc + ":2", e.getMessage());
        assertEquals(SourcePosition.of(inc, 2), e.position());
    }

    @Test
    void commandLineDirectivesReachTheHandlerFirstInMainWithCommandLinePositions() throws IOException {
        Path main = write("nginx.conf", "a;\n");
        List<String> seen = new ArrayList<>();

        ParsedConfig config = ConfigParser.parse(main, "daemon off; pid x.pid;", (head, context) -> {
            seen.add(head.name() + "@" + context + "@" + head.position());
            return null;
        });

        assertEquals(List.of("daemon@MAIN@command line", "pid@MAIN@command line", "a@MAIN@" + main + ":1"), seen);
        assertEquals(SourcePosition.COMMAND_LINE, config.directives().getFirst().position());
    }

    @Test
    void includeNeverReachesTheHandlerNorTheTree() throws IOException {
        Path main = write("nginx.conf", "include a.conf;\n");
        write("a.conf", "x;\n");
        RecordingHandler handler = new RecordingHandler();

        ParsedConfig config = ConfigParser.parse(main, handler);

        assertEquals(List.of("x@MAIN:1"), handler.calls);
        assertEquals(List.of("x"), config.directives().stream().map(Directive::name).toList());
    }

    @Test
    void handlerGivingNoContextForABlockIsAProgrammingError() throws IOException {
        Path main = write("nginx.conf", "http { }\n");

        assertThrows(IllegalStateException.class, () -> ConfigParser.parse(main, (head, context) -> null));
    }

    @Test
    void filesListsEachDistinctFileOnceInFirstReadOrderWithItsRawBytes() throws IOException {
        Path main = write("nginx.conf", "include b.conf;\ninclude a.conf;\ninclude b.conf;\n");
        byte[] bContent = "x;\r\n# caf\u00e9\r\n".getBytes(StandardCharsets.UTF_8);
        Path b = dir.resolve("b.conf");
        Files.write(b, bContent);
        Path a = write("a.conf", "y;\n");

        ParsedConfig config = ConfigParser.parse(main, DirectiveHandler.PERMISSIVE);

        assertEquals(List.of(main, b, a), config.files().stream().map(SourceFile::path).toList());
        assertArrayEquals(bContent, config.files().get(1).content());
        assertEquals(List.of("x", "y", "x"), config.directives().stream().map(Directive::name).toList());
    }

    @Test
    void mainFileIsMadeAbsoluteAndNormalised() throws IOException {
        Path main = write("nginx.conf", "a;\n");
        Files.createDirectories(dir.resolve("sub"));

        ParsedConfig config = ConfigParser.parse(dir.resolve("sub/../nginx.conf"), DirectiveHandler.PERMISSIVE);

        assertEquals(main, config.mainFile());
        assertEquals(SourcePosition.of(main, 1), config.directives().getFirst().position());
        assertEquals(main, config.files().getFirst().path());
    }

    @Test
    void missingMainFileFailsWithoutPosition() {
        Path main = dir.resolve("nginx.conf");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, DirectiveHandler.PERMISSIVE));

        assertEquals("open() \"" + main + "\" failed (2: No such file or directory)", e.getMessage());
        assertNull(e.position());
    }

    @Test
    void unreadableIncludedFileFailsWithPermissionDenied() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path main = write("nginx.conf", "include secret.conf;\n");
        Path secret = write("secret.conf", "a;\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, DirectiveHandler.PERMISSIVE));

        assertEquals("open() \"" + secret + "\" failed (13: Permission denied) in " + main + ":1", e.getMessage());
    }

    @Test
    void includingADirectoryFailsLikeNginxsRead() throws IOException {
        Path main = write("nginx.conf", "include conf.d;\n");
        Files.createDirectories(dir.resolve("conf.d"));

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, DirectiveHandler.PERMISSIVE));

        assertEquals("pread() \"" + dir.resolve("conf.d") + "\" failed (21: Is a directory) in " + main + ":1",
                e.getMessage());
    }

    @Test
    void includeThroughAFileUnderAFileFailsWithNotADirectory() throws IOException {
        Path main = write("nginx.conf", "include nginx.conf/x.conf;\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, DirectiveHandler.PERMISSIVE));

        assertEquals("open() \"" + main + "/x.conf\" failed (20: Not a directory) in " + main + ":1", e.getMessage());
    }

    @Test
    void globIncludeThatMatchesTheMainFileIsAnIncludeLoop() throws IOException {
        Path main = write("nginx.conf", "a;\ninclude *.conf;\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, DirectiveHandler.PERMISSIVE));

        assertEquals("include loop: \"" + main + "\" is already being read in " + main + ":2", e.getMessage());
    }

    @Test
    void includeLoopThroughASymlinkIsFound() throws IOException {
        Path main = write("nginx.conf", "include a.conf;\n");
        Path a = write("a.conf", "include link.conf;\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.conf"), a);

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(main, DirectiveHandler.PERMISSIVE));

        assertEquals("include loop: \"" + link + "\" is already being read in " + a + ":1", e.getMessage());
    }

    @Test
    void parseStringReadsTextAsIfItWereTheFile() throws IOException {
        write("conf/inc.conf", "b;\n");
        Path pretend = dir.resolve("conf/nginx.conf");

        List<Directive> directives = ConfigParser.parseString("a;\ninclude inc.conf;\n", pretend,
                DirectiveHandler.PERMISSIVE);

        assertEquals(List.of("a", "b"), directives.stream().map(Directive::name).toList());
        assertEquals(SourcePosition.of(pretend, 1), directives.getFirst().position());
        assertTrue(directives.get(1).position().file().endsWith("conf/inc.conf"));
    }
}
