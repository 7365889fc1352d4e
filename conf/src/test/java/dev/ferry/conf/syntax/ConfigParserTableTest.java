package dev.ferry.conf.syntax;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Context;
import dev.ferry.conf.DirectiveHandler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Snippets of configuration and the exact tree or error nginx's grammar gives for them
 * (SPEC-nginx.md §1.1-1.3). Trees render as {@code name[args]{block}@line}; errors as
 * {@code !message} with the temporary directory written {@code $DIR}.
 */
class ConfigParserTableTest {

    private static final String MAIN = "nginx.conf";
    private static final String AT1 = " in $DIR/nginx.conf:1";

    /** Accepts everything; "types" opens the raw TYPES context, any other block keeps its parent's. */
    private static final DirectiveHandler HANDLER = (head, context) -> {
        if (!head.isBlock()) {
            return null;
        }
        return head.name().equals("types") ? Context.TYPES : context;
    };

    @TempDir
    Path dir;

    /**
     * One row of the table.
     *
     * @param behaviour   what the row shows, used as the test's name
     * @param commandLine {@code -g} text or null
     * @param files       path and content pairs; the first is the main file; {@code $DIR} in a
     *                    content is replaced by the test directory
     * @param expected    the rendered tree, or {@code !error}
     */
    record Case(String behaviour, String commandLine, List<String> files, String expected) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void snippetReadsAsExpected(Case c) throws IOException {
        for (int i = 0; i < c.files().size(); i += 2) {
            Path file = dir.resolve(c.files().get(i));
            Files.createDirectories(file.getParent());
            Files.write(file, c.files().get(i + 1).replace("$DIR", dir.toString()).getBytes(StandardCharsets.UTF_8));
        }
        Path main = dir.resolve(c.files().getFirst());
        TreeRendering rendering = new TreeRendering(dir, main);
        String actual;
        try {
            actual = rendering.render(ConfigParser.parse(main, c.commandLine(), HANDLER).directives());
        } catch (ConfigException e) {
            actual = rendering.render(e);
        }
        assertEquals(c.expected(), actual);
    }

    static List<Case> cases() {
        List<Case> t = new ArrayList<>();

        // --- words, directives, blocks, lines
        t.add(one("a simple directive has a name and arguments", "worker_processes 1;", "worker_processes[1]@1"));
        t.add(one("a directive with no arguments is fine", "a;", "a@1"));
        t.add(one("blocks nest and each directive carries its own line",
                "http {\n  server {\n    listen 80;\n  }\n}\n", "http{server{listen[80]@3}@2}@1"));
        t.add(one("an empty file gives an empty tree", "", ""));
        t.add(one("a directive's line is the line of its terminator", "a\n  b\n  ;", "a[b]@3"));
        t.add(one("a block directive's line is the line of its opening brace",
                "server\n\n{\n}", "server{}@3"));
        t.add(one("words are separated by tabs as well as spaces", "a\t1\t\t2 ;", "a[1|2]@1"));
        t.add(one("CRLF line endings count lines by LF and are blanks",
                "a 1;\r\nb {\r\n  c;\r\n}\r\n", "a[1]@1 b{c@3}@2"));
        t.add(one("several directives may share a line", "a; b 1; c { d; } e;", "a@1 b[1]@1 c{d@1}@1 e@1"));

        // --- comments
        t.add(one("a # in the middle of a word is part of the word", "a#b c#d;", "a#b[c#d]@1"));
        t.add(one("a comment after a semicolon runs to the end of the line",
                "a 1; # b; { } \"\nc 2;", "a[1]@1 c[2]@2"));
        t.add(one("a comment at the start of a word hides the rest of the line, even a semicolon",
                "a 1 #;\n 2;", "a[1|2]@2"));
        t.add(one("a file of comments only is empty", "# one\n   # two", ""));
        t.add(one("a # inside quotes is an ordinary character", "a \"x # y\";", "a[x # y]@1"));

        // --- quotes
        t.add(one("a double-quoted word keeps its spaces", "a \"x y\";", "a[x y]@1"));
        t.add(one("a single-quoted word keeps ; { } and #", "a 'x;{}#y';", "a[x;{}#y]@1"));
        t.add(one("a quoted word may span lines and the lines are counted",
                "a \"x\ny\";\nb;", "a[x\ny]@2 b@3"));
        t.add(one("empty quotes are an empty argument", "a \"\" '';", "a[|]@1"));
        t.add(one("a quote in the middle of a word is an ordinary character", "a b\"c d'e;", "a[b\"c|d'e]@1"));
        t.add(one("a closing quote followed by a character is an error", "a \"a\"b;", "!unexpected \"b\"" + AT1));
        t.add(one("a closing quote followed by # is an error", "a 'x'# c\n;", "!unexpected \"#\"" + AT1));
        t.add(one("a closing quote may be followed directly by ; or {", "a \"x\"{ } b 'y';", "a[x]{}@1 b[y]@1"));
        t.add(one("a closing quote may be followed by ) which starts a new word",
                "if ($a = \"x\") { }", "if[($a|=|x|)]{}@1"));
        t.add(one("a backslash-escaped double quote does not close a double-quoted word",
                "a \"x\\\"y\";", "a[x\"y]@1"));
        t.add(one("a backslash-escaped single quote does not close a single-quoted word",
                "a 'it\\'s';", "a[it's]@1"));
        t.add(one("an unterminated quote fails at the end of the file",
                "a \"x\ny\n", "!unexpected end of file, expecting \";\" or \"}\" in $DIR/nginx.conf:3"));
        t.add(one("an error after a multi-line quote names the line the tokeniser stood on",
                "a \"x\ny\nz\"q;", "!unexpected \"q\" in $DIR/nginx.conf:3"));

        t.add(one("several quoted words may follow each other", "a \"x\" 'y' \"z\";", "a[x|y|z]@1"));
        t.add(one("words are UTF-8", "a caf\u00e9 \"na\u00efve\";", "a[caf\u00e9|na\u00efve]@1"));
        t.add(one("an unexpected character after a quote is named whole, not as one byte",
                "a \"x\"\u00e9;", "!unexpected \"\u00e9\"" + AT1));

        // --- backslashes
        t.add(one("backslash escapes for quotes, backslash, tab, CR and LF are decoded",
                "a \\\"x\\\" \\'y\\' \\\\z \\tq \\rw \\ne;", "a[\"x\"|'y'|\\z|\tq|\rw|\ne]@1"));
        t.add(one("escapes are decoded inside quotes too", "a \"1\\t2\\n3\";", "a[1\t2\n3]@1"));
        t.add(one("other backslash pairs are kept as both characters, so regexes pass",
                "location ~ \\.php$ \\d+ a\\;b;", "location[~|\\.php$|\\d+|a\\;b]@1"));
        t.add(one("an escaped space does not end the word and stays escaped", "a x\\ y;", "a[x\\ y]@1"));
        t.add(one("an escaped # at the start of a word is not a comment", "a \\#x;", "a[\\#x]@1"));
        t.add(one("an escaped newline stays in the word and is counted", "a x\\\ny;", "a[x\\\ny]@2"));
        t.add(one("an escaped brace does not open a block", "a b\\{ c;", "a[b\\{|c]@1"));

        // --- variables and braces inside words
        t.add(one("${ inside an unquoted word does not end the word", "a ${host}x y${b}z;", "a[${host}x|y${b}z]@1"));
        t.add(one("a word may end at { right after a variable's closing brace",
                "a x${b}{ c; }", "a[x${b}]{c@1}@1"));
        t.add(one("a } inside an unquoted word is an ordinary character", "a b}c d};", "a[b}c|d}]@1"));
        t.add(one("a } ending a word inside a block does not close the block",
                "a { b c}; }", "a{b[c}]@1}@1"));

        // --- structural errors
        t.add(one("a stray } at top level is an error", "a;\n}", "!unexpected \"}\" in $DIR/nginx.conf:2"));
        t.add(one("a semicolon with no word before it is an error", ";", "!unexpected \";\"" + AT1));
        t.add(one("an opening brace with no word before it is an error", "a;\n\n{", "!unexpected \"{\" in $DIR/nginx.conf:3"));
        t.add(one("a semicolon right after a block is an error", "a { } ;", "!unexpected \";\"" + AT1));
        t.add(one("a } while a directive has words is an error", "a { b }", "!unexpected \"}\"" + AT1));
        t.add(one("an unterminated block fails at the end of the file",
                "a {\n  b;\n", "!unexpected end of file, expecting \"}\" in $DIR/nginx.conf:3"));
        t.add(one("an unfinished directive fails at the end of the file",
                "a b", "!unexpected end of file, expecting \";\" or \"}\"" + AT1));
        t.add(one("a single unfinished word fails at the end of the file on the line after it",
                "a\n", "!unexpected end of file, expecting \";\" or \"}\" in $DIR/nginx.conf:2"));
        t.add(one("a trailing backslash fails at the end of the file",
                "a \\", "!unexpected end of file, expecting \";\" or \"}\"" + AT1));

        // --- the word limit (NGX_CONF_BUFFER)
        t.add(one("a word of 4095 bytes fits", "a " + "y".repeat(4095) + ";", "a[" + "y".repeat(4095) + "]@1"));
        t.add(one("a word of 4096 bytes is too long", "a " + "y".repeat(4096) + ";",
                "!too long parameter \"yyyyyyyyyy...\" started" + AT1));
        t.add(one("a too long word is reported on the line where it started", "a\n\n" + "z".repeat(5000) + ";",
                "!too long parameter \"zzzzzzzzzz...\" started in $DIR/nginx.conf:3"));
        t.add(one("a too long double-quoted word suggests a missing quote, at the line of the quote",
                "a\n\"" + ("x".repeat(99) + "\n").repeat(50) + "\";",
                "!too long parameter, probably missing terminating \"\"\" character in $DIR/nginx.conf:2"));
        t.add(one("a too long single-quoted word names the single quote",
                "a '" + "x".repeat(5000) + "';",
                "!too long parameter, probably missing terminating \"'\" character" + AT1));
        t.add(one("a comment longer than the buffer is too long as in nginx",
                "# " + "c".repeat(5000) + "\na;", "!too long parameter \"# cccccccc...\" started" + AT1));

        // --- -g text
        t.add(withG("-g directives come first, placed in command line", "pid x; daemon  off;", "a;",
                "pid[x]@cmd daemon[off]@cmd a@1"));
        t.add(withG("a block in -g text is rejected", "events { }", "a;",
                "!block directives are not supported in -g option in command line"));
        t.add(withG("-g text without its semicolon ends unexpectedly", "daemon off", "a;",
                "!unexpected end of parameter, expecting \";\" in command line"));
        t.add(withG("a stray } in -g text is an error", "a; }", "a;", "!unexpected \"}\" in command line"));
        t.add(withG("an error in -g text wins over one in the file", "a \"x\"y;", "}",
                "!unexpected \"y\" in command line"));
        t.add(new Case("an include in -g text reads the file relative to the main file's directory",
                "include g.conf;", List.of(MAIN, "a;", "g.conf", "x 1;"), "x[1]@g.conf:1 a@1"));

        // --- include
        t.add(files("include of a missing plain file fails at the include directive",
                "!open() \"$DIR/missing.conf\" failed (2: No such file or directory)" + " in $DIR/nginx.conf:2",
                MAIN, "a;\ninclude missing.conf;"));
        t.add(files("include with a glob that matches nothing is fine", "a@2",
                MAIN, "include conf.d/*.conf;\na;"));
        t.add(files("include with a glob in a missing directory is fine", "a@2",
                MAIN, "include nodir/*.conf;\na;"));
        t.add(files("include with a glob reads the matches in byte order, skipping dot files",
                "C@conf.d/C.conf:1 a@conf.d/a.conf:1 b@conf.d/b.conf:1 z@1",
                MAIN, "include conf.d/*.conf; z;",
                "conf.d/b.conf", "b;", "conf.d/a.conf", "a;", "conf.d/C.conf", "C;",
                "conf.d/.hidden.conf", "hidden;", "conf.d/x.txt", "x;"));
        t.add(files("include globs may stand in directory components",
                "x@sites-a/x.conf:1 y@sites-b/y.conf:1",
                MAIN, "include sites-*/*.conf;",
                "sites-b/y.conf", "y;", "sites-a/x.conf", "x;", "sites-b/z.txt", "z;", "other/w.conf", "w;"));
        t.add(files("include resolves a relative name against the main file's directory, as written",
                "a@etc/inc.conf:1 b@etc/../up.conf:1",
                "etc/nginx.conf", "include inc.conf; include ../up.conf;",
                "etc/inc.conf", "a;", "up.conf", "b;", "inc.conf", "wrong;"));
        t.add(files("include takes an absolute name as it is", "a@other/abs.conf:1",
                MAIN, "include $DIR/other/abs.conf;", "other/abs.conf", "a;"));
        t.add(files("an included file continues the block it is included in",
                "http{a@inc.conf:1 server{b@inc.conf:2}@inc.conf:2 c@3}@1",
                MAIN, "http {\n  include inc.conf;\n  c;\n}", "inc.conf", "a;\nserver { b; }"));
        t.add(files("include works inside a raw block too",
                "types{text/html[html]@mime.types:1}@1",
                MAIN, "types { include mime.types; }", "mime.types", "text/html html;"));
        t.add(files("a stray } in an included file is an error even inside a block",
                "!unexpected \"}\" in $DIR/inc.conf:2",
                MAIN, "http {\n  include inc.conf;\n}", "inc.conf", "a;\n}"));
        t.add(files("an unfinished directive at the end of an included file is an error there",
                "!unexpected end of file, expecting \";\" or \"}\" in $DIR/inc.conf:1",
                MAIN, "http { include inc.conf; }", "inc.conf", "a b"));
        t.add(files("an unclosed block in an included file is an error there",
                "!unexpected end of file, expecting \"}\" in $DIR/inc.conf:2",
                MAIN, "include inc.conf;", "inc.conf", "server {\n"));
        t.add(files("the same file may be included twice in a row",
                "a@inc.conf:1 a@inc.conf:1", MAIN, "include inc.conf;\ninclude inc.conf;", "inc.conf", "a;"));
        t.add(files("a file including itself is an include loop",
                "!include loop: \"$DIR/nginx.conf\" is already being read in $DIR/nginx.conf:2",
                MAIN, "a;\ninclude nginx.conf;"));
        t.add(files("an indirect include loop is reported at the include that closes it",
                "!include loop: \"$DIR/a.conf\" is already being read in $DIR/b.conf:1",
                MAIN, "include a.conf;", "a.conf", "x;\ninclude b.conf;", "b.conf", "include a.conf;"));
        t.add(files("include without an argument has the wrong number of arguments",
                "!invalid number of arguments in \"include\" directive in $DIR/nginx.conf:2",
                MAIN, "a;\ninclude;"));
        t.add(files("include with two arguments has the wrong number of arguments",
                "!invalid number of arguments in \"include\" directive" + AT1, MAIN, "include a.conf b.conf;"));
        t.add(files("include ended by { is not terminated by a semicolon",
                "!directive \"include\" is not terminated by \";\"" + AT1, MAIN, "include x { }"));
        t.add(files("include ended by { inside a raw block is an unexpected {",
                "!unexpected \"{\" in $DIR/nginx.conf:2", MAIN, "types {\n  include x { }\n}"));

        return t;
    }

    private static Case one(String behaviour, String text, String expected) {
        return new Case(behaviour, null, List.of(MAIN, text), expected);
    }

    private static Case withG(String behaviour, String commandLine, String text, String expected) {
        return new Case(behaviour, commandLine, List.of(MAIN, text), expected);
    }

    private static Case files(String behaviour, String expected, String... pathsAndContents) {
        return new Case(behaviour, null, List.of(pathsAndContents), expected);
    }
}
