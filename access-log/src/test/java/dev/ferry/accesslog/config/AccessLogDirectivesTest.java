package dev.ferry.accesslog.config;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Context;
import dev.ferry.conf.registry.DirectiveSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Snippets of an http block and the exact error nginx gives for them (SPEC-nginx.md §7,
 * {@code ngx_http_log_set_format}, {@code ngx_http_log_set_log},
 * {@code ngx_http_log_open_file_cache}), or {@code ok}. Each snippet is read with the
 * module's read-time checks and then bound level by level, as the proxy does.
 */
class AccessLogDirectivesTest {

    record Case(String behaviour, String http, String expected) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    private static Case ok(String behaviour, String http) {
        return new Case(behaviour, http, "ok");
    }

    private static Case error(String behaviour, String http, String message) {
        return new Case(behaviour, http, message);
    }

    static List<Case> cases() {
        List<Case> t = new ArrayList<>();

        // --- log_format
        t.add(ok("a format with variables the proxy and the log module know", "log_format main '$remote_addr $status';"));
        t.add(error("combined is predefined and cannot be redefined", "log_format combined '$status';",
                "duplicate \"log_format\" name \"combined\""));
        t.add(error("a name is defined once", "log_format main '$status'; log_format main '$status';",
                "duplicate \"log_format\" name \"main\""));
        t.add(ok("names differing in case are two formats", "log_format main '$status'; log_format Main '$status';"));
        t.add(error("an unknown escape", "log_format main escape=xml '$status';", "unknown log format escaping \"xml\""));
        t.add(error("a lone dollar", "log_format main 'abc $';", "invalid parameter \"$\""));
        t.add(error("an unclosed brace", "log_format main '${status';",
                "the closing bracket in \"status\" variable is missing"));
        t.add(error("a name without strings", "log_format main;", "invalid number of arguments in \"log_format\" directive"));
        t.add(error("log_format is http-level only", "server { log_format main x; }",
                "\"log_format\" directive is not allowed here"));
        t.add(error("a variable nobody defines", "log_format main '$status $foo';", "unknown \"foo\" variable"));
        t.add(error("an unknown variable is named in lowercase", "log_format main '$FOO';", "unknown \"foo\" variable"));

        // --- access_log: formats
        t.add(error("a format must exist", "access_log logs/a.log main;", "unknown log format \"main\""));
        t.add(error("a format must be defined above its use", "access_log logs/a.log main; log_format main '$status';",
                "unknown log format \"main\""));
        t.add(ok("formats are looked up ignoring case", "log_format main '$status'; access_log logs/a.log MAIN;"));
        t.add(error("parameters come after a format name", "access_log logs/a.log buffer=32k;",
                "unknown log format \"buffer=32k\""));

        // --- access_log: off and parameters
        t.add(ok("off alone", "access_log off;"));
        t.add(error("off takes nothing after it", "access_log off combined;", "invalid parameter \"combined\""));
        t.add(error("flush needs a buffer", "access_log logs/a.log combined flush=5s;",
                "no buffer is defined for access_log \"logs/a.log\""));
        t.add(error("a zero buffer", "access_log logs/a.log combined buffer=0;", "invalid buffer size \"0\""));
        t.add(error("a buffer that is not a size", "access_log logs/a.log combined buffer=1x;", "invalid buffer size \"1x\""));
        t.add(error("a zero flush time", "access_log logs/a.log combined buffer=32k flush=0;", "invalid flush time \"0\""));
        t.add(error("a flush that is not a time", "access_log logs/a.log combined buffer=32k flush=5x;",
                "invalid flush time \"5x\""));
        t.add(ok("gzip alone implies a buffer", "access_log logs/a.log combined gzip flush=1m;"));
        t.add(error("gzip level 0", "access_log logs/a.log combined gzip=0;", "invalid compression level \"0\""));
        t.add(error("gzip level 10", "access_log logs/a.log combined gzip=10;", "invalid compression level \"10\""));
        t.add(error("gzip with an empty level", "access_log logs/a.log combined gzip=;", "invalid compression level \"\""));
        t.add(error("gzip followed by letters is no gzip", "access_log logs/a.log combined gzipx;",
                "invalid parameter \"gzipx\""));
        t.add(error("an unknown parameter", "access_log logs/a.log combined bogus;", "invalid parameter \"bogus\""));
        t.add(error("a buffered log cannot have variables in its path", "access_log logs/$host.log combined buffer=32k;",
                "buffered logs cannot have variables in name"));
        t.add(error("one file, two buffers", "access_log logs/a.log combined buffer=32k; access_log logs/a.log combined buffer=64k;",
                "access_log \"logs/a.log\" already defined with conflicting parameters"));
        t.add(error("one file under two names, two buffers",
                "access_log logs/a.log combined buffer=32k; server { access_log /srv/ferry/logs/a.log combined gzip; }",
                "access_log \"/srv/ferry/logs/a.log\" already defined with conflicting parameters"));
        t.add(ok("one file, the same buffer twice",
                "access_log logs/a.log combined buffer=32k flush=5s; server { access_log logs/a.log combined buffer=32k flush=5000ms; }"));
        t.add(ok("an unbuffered line for a buffered file", "access_log logs/a.log combined buffer=32k; access_log logs/a.log;"));

        // --- access_log: variables in the path and the condition
        t.add(ok("a path and a condition with known variables", "access_log logs/$host.log combined if=$loggable;"));
        t.add(error("an unknown variable in the path", "access_log logs/$foo.log;", "unknown \"foo\" variable"));
        t.add(error("an unknown variable in the condition", "access_log logs/a.log combined if=$foo;",
                "unknown \"foo\" variable"));
        t.add(error("a dollar without a name in the path", "access_log logs/$.log;", "invalid variable name"));
        t.add(error("an unclosed brace in the condition", "access_log logs/a.log combined if=${x;",
                "the closing bracket in \"x\" variable is missing"));
        t.add(error("syslog is not supported yet", "access_log syslog:server=127.0.0.1;",
                "logging to syslog is not supported by Ferry yet"));
        t.add(error("no arguments", "access_log;", "invalid number of arguments in \"access_log\" directive"));

        // --- access_log: contexts
        t.add(ok("every level that takes access_log",
                "access_log a.log; server { access_log b.log; location / { access_log c.log; "
                        + "if ($x) { access_log d.log; } limit_except GET { access_log off; } } }"));
        t.add(error("not in an if of a server", "server { if ($x) { access_log off; } }",
                "\"access_log\" directive is not allowed here"));

        // --- open_log_file_cache
        t.add(ok("every parameter", "open_log_file_cache max=100 inactive=20s min_uses=2 valid=1m;"));
        t.add(ok("off", "open_log_file_cache off;"));
        t.add(ok("off wins over max", "open_log_file_cache max=10 off;"));
        t.add(error("max is required", "open_log_file_cache inactive=20s;",
                "\"open_log_file_cache\" must have \"max\" parameter"));
        t.add(error("max 0 is no max", "open_log_file_cache max=0;", "\"open_log_file_cache\" must have \"max\" parameter"));
        t.add(error("max must be a number", "open_log_file_cache max=x;", "invalid \"open_log_file_cache\" parameter \"max=x\""));
        t.add(error("inactive must be a time", "open_log_file_cache max=10 inactive=5x;",
                "invalid \"open_log_file_cache\" parameter \"inactive=5x\""));
        t.add(error("an unknown parameter of the cache", "open_log_file_cache max=10 bogus;",
                "invalid \"open_log_file_cache\" parameter \"bogus\""));
        t.add(error("once per level", "open_log_file_cache max=10; open_log_file_cache off;",
                "\"open_log_file_cache\" directive is duplicate"));
        t.add(ok("once per level, each level", "open_log_file_cache max=10; server { open_log_file_cache off; }"));
        t.add(error("at most four parameters", "open_log_file_cache max=1 inactive=1 min_uses=1 valid=1 off;",
                "invalid number of arguments in \"open_log_file_cache\" directive"));
        t.add(error("not in an if", "server { location / { if ($x) { open_log_file_cache off; } } }",
                "\"open_log_file_cache\" directive is not allowed here"));

        // --- order
        t.add(error("a read-time error comes before an unknown variable above it",
                "log_format main '$foo'; access_log logs/a.log nope;", "unknown log format \"nope\""));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void snippetGivesNginxsAnswer(Case c) {
        String actual;
        try {
            Configs.bind("http {\n" + c.http() + "\n}\n");
            actual = "ok";
        } catch (ConfigException e) {
            assertEquals(" in /etc/ferry/nginx.conf:2", e.getMessage().substring(e.reason().length()),
                    "every error is placed at its directive");
            actual = e.reason();
        }
        assertEquals(c.expected(), actual);
    }

    @Test
    void anUnknownVariableNamesTheLineOfItsDirective() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> Configs.bind("""
                http {
                    log_format main '$status';
                    server {
                        access_log logs/a.log main
                                   if=$nope;
                    }
                }
                """));
        assertEquals("unknown \"nope\" variable in /etc/ferry/nginx.conf:5", e.getMessage());
    }

    @Test
    void theModuleDeclaresNginxsContextsAndCounts() {
        AccessLogModule module = new AccessLogModule(Configs.PREFIX);
        assertEquals("http_log_module", module.name());
        List<DirectiveSpec> specs = module.directives();
        assertEquals(List.of("log_format", "access_log", "open_log_file_cache"), specs.stream().map(DirectiveSpec::name).toList());
        assertEquals(EnumSet.of(Context.HTTP), specs.get(0).contexts());
        assertEquals(EnumSet.of(Context.HTTP, Context.SERVER, Context.LOCATION, Context.IF_IN_LOCATION, Context.LIMIT_EXCEPT),
                specs.get(1).contexts());
        assertEquals(EnumSet.of(Context.HTTP, Context.SERVER, Context.LOCATION), specs.get(2).contexts());
        for (int n = 0; n <= 6; n++) {
            assertEquals(n >= 2, specs.get(0).arity().accepts(n), "log_format with " + n);
            assertEquals(n >= 1, specs.get(1).arity().accepts(n), "access_log with " + n);
            assertEquals(n >= 1 && n <= 4, specs.get(2).arity().accepts(n), "open_log_file_cache with " + n);
        }
    }
}
