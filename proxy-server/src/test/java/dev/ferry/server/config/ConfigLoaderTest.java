package dev.ferry.server.config;

import dev.ferry.server.vars.Template;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.ConfigException;
import dev.ferry.server.config.LocationConfig.Match;
import dev.ferry.upstream.config.HostResolver;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Configuration snippets and the exact error nginx gives for them, or the model they load
 * into (SPEC-nginx.md §1.2, §2.1, §5.1, §6.1-6.3). Expected messages write the config file
 * as {@code $FILE}.
 *
 * <p>Line numbers: {@link #inHttp} puts its body on line 3, {@link #inServer} on line 4.
 */
class ConfigLoaderTest {

    /** "backend.test" has two addresses; literals are themselves; every other name is unknown. */
    static final HostResolver RESOLVER = host -> {
        if (host.equalsIgnoreCase("backend.test")) {
            return List.of(InetAddress.ofLiteral("127.0.0.2"), InetAddress.ofLiteral("127.0.0.3"));
        }
        try {
            return List.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException notALiteral) {
            throw new UnknownHostException(host);
        }
    };

    static final String CANNOT_HAVE_URI = "\"proxy_pass\" cannot have URI part in location given by regular "
            + "expression, or inside named location, or inside \"if\" statement, or inside \"limit_except\" block";

    @TempDir
    Path dir;

    /**
     * One row: a snippet and either the exact error text or checks on the loaded model.
     *
     * @param behaviour what the row shows, used as the test's name
     * @param globals   {@code -g} text, or null
     * @param config    the file's content
     * @param error     the expected {@link ConfigException#getMessage()}, or null
     * @param check     assertions on the loaded config (and its path), when {@code error} is null
     */
    record Case(String behaviour, String globals, String config, String error, BiConsumer<FerryConfig, Path> check) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void snippetFailsWithNginxWordingOrLoadsTheModel(Case c) throws IOException {
        Path file = write(c.config());
        if (c.error() != null) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(file, c.globals()));
            assertEquals(c.error().replace("$FILE", file.toString()), e.getMessage());
        } else {
            c.check().accept(load(file, c.globals()), file);
        }
    }

    /**
     * nginx reports "no servers are inside upstream" after reading the block, so the line is
     * the one of the closing "}". The parsed tree keeps only the line of the "{", and the
     * parser (conf/syntax) is outside what this change may touch.
     */
    @Test
    @Disabled("the directive tree has no closing-brace line: Ferry names the line of \"upstream a {\" (3), nginx the \"}\" (4)")
    void emptyUpstreamIsReportedAtItsClosingBrace() throws IOException {
        Path file = write(inHttp("upstream a {\n}\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> load(file, null));
        assertEquals("no servers are inside upstream in " + file + ":4", e.getMessage());
    }

    private Path write(String config) throws IOException {
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, config);
        return file;
    }

    private FerryConfig load(Path file, String globals) {
        return new ConfigLoader(dir, RESOLVER, 8000).load(file, globals);
    }

    static List<Case> cases() {
        List<Case> t = new ArrayList<>();

        // --- generic dispatch checks (§1.2), in nginx's order
        t.add(error("an unknown name is an unknown directive", "events {}\nfoo bar;\n",
                "unknown directive \"foo\" in $FILE:2"));
        t.add(error("directive names are case-sensitive", "events {}\nPID x;\n",
                "unknown directive \"PID\" in $FILE:2"));
        t.add(error("proxy_pass at server level is not allowed here", inServer("proxy_pass http://127.0.0.1:9000;\n"),
                "\"proxy_pass\" directive is not allowed here in $FILE:4"));
        t.add(error("listen in http is not allowed here", inHttp("listen 80;\n"),
                "\"listen\" directive is not allowed here in $FILE:3"));
        t.add(error("upstream server outside upstream is not allowed here",
                inServer("location / {\nserver 127.0.0.1;\n}\n"),
                "\"server\" directive is not allowed here in $FILE:5"));
        t.add(error("a simple directive ended by { is not terminated by ;", "events {}\npid /tmp/x.pid {\n}\n",
                "directive \"pid\" is not terminated by \";\" in $FILE:2"));
        t.add(error("a block directive ended by ; has no opening {", "events;\n",
                "directive \"events\" has no opening \"{\" in $FILE:1"));
        t.add(error("a wrong argument count is invalid number of arguments", "events {}\npid;\n",
                "invalid number of arguments in \"pid\" directive in $FILE:2"));
        t.add(error("location with three words has an invalid number of arguments",
                inServer("location = /a /b {\n}\n"),
                "invalid number of arguments in \"location\" directive in $FILE:4"));
        t.add(error("an error names the line of the terminator", "events {}\nworker_processes\n  many\n;\n",
                "\"worker_processes\" directive invalid value in $FILE:4"));

        // --- events, duplicates, main directives
        t.add(error("a config without events has no position", "pid /tmp/x.pid;\n",
                "no \"events\" section in configuration"));
        t.add(error("a parse error in http comes before the missing events", "http {\nupstream a { }\n}\n",
                "no servers are inside upstream in $FILE:2"));
        t.add(error("a second pid is duplicate", "events {}\npid a.pid;\npid b.pid;\n",
                "\"pid\" directive is duplicate in $FILE:3"));
        t.add(error("a second http is duplicate", "events {}\nhttp {\n}\nhttp {\n}\n",
                "\"http\" directive is duplicate in $FILE:4"));
        t.add(error("a second events is duplicate", "events {}\nevents {}\n",
                "\"events\" directive is duplicate in $FILE:2"));
        t.add(error("a second proxy_pass in one location is duplicate",
                inServer("location / {\nproxy_pass http://127.0.0.1:9000;\nproxy_pass http://127.0.0.1:9001;\n}\n"),
                "\"proxy_pass\" directive is duplicate in $FILE:6"));
        t.add(error("worker_processes must be a number or auto", "events {}\nworker_processes many;\n",
                "\"worker_processes\" directive invalid value in $FILE:2"));
        t.add(ok("worker_processes auto is kept as 0", "events {}\nworker_processes auto;\n",
                (config, file) -> assertEquals(0, config.main().workerProcesses())));
        t.add(ok("worker_processes takes a count", "events {}\nworker_processes 4;\n",
                (config, file) -> assertEquals(4, config.main().workerProcesses())));
        t.add(error("error_log refuses an unknown level", "events {}\nerror_log logs/e.log loud;\n",
                "invalid log level \"loud\" in $FILE:2"));
        t.add(ok("error_log takes a file under the prefix and a level", "events {}\nerror_log logs/e.log warn;\n",
                (config, file) -> {
                    assertEquals(file.getParent().resolve("logs/e.log"), config.main().errorLog().file());
                    assertEquals("warn", config.main().errorLog().level());
                }));
        t.add(ok("error_log stderr has no file", "events {}\nerror_log stderr info;\n",
                (config, file) -> {
                    assertTrue(config.main().errorLog().toStderr());
                    assertEquals("info", config.main().errorLog().level());
                }));
        t.add(ok("pid defaults under the prefix and there is no http", "events {}\n",
                (config, file) -> {
                    assertEquals(file.getParent().resolve("logs/ferry.pid"), config.main().pidFile());
                    assertEquals(1, config.main().workerProcesses());
                    assertEquals(HttpConfig.EMPTY, config.http());
                }));

        // --- upstream server parameters and addresses (§2.1)
        t.add(error("weight=0 is an invalid parameter", inHttp("upstream a {\nserver 127.0.0.1 weight=0;\n}\n"),
                "invalid parameter \"weight=0\" in $FILE:4"));
        t.add(error("a non-numeric weight is an invalid parameter", inHttp("upstream a {\nserver 127.0.0.1 weight=x;\n}\n"),
                "invalid parameter \"weight=x\" in $FILE:4"));
        t.add(error("max_fails=-1 is an invalid parameter", inHttp("upstream a {\nserver 127.0.0.1 max_fails=-1;\n}\n"),
                "invalid parameter \"max_fails=-1\" in $FILE:4"));
        t.add(error("fail_timeout=1x is an invalid parameter", inHttp("upstream a {\nserver 127.0.0.1 fail_timeout=1x;\n}\n"),
                "invalid parameter \"fail_timeout=1x\" in $FILE:4"));
        t.add(error("max_conns=abc is an invalid parameter", inHttp("upstream a {\nserver 127.0.0.1 max_conns=abc;\n}\n"),
                "invalid parameter \"max_conns=abc\" in $FILE:4"));
        t.add(error("an unknown server parameter is invalid", inHttp("upstream a {\nserver 127.0.0.1 xyz;\n}\n"),
                "invalid parameter \"xyz\" in $FILE:4"));
        t.add(error("parameters are checked before the address", inHttp("upstream a {\nserver nosuch.invalid weight=0;\n}\n"),
                "invalid parameter \"weight=0\" in $FILE:4"));
        t.add(error("an empty upstream has no servers", inHttp("upstream a { }\n"),
                "no servers are inside upstream in $FILE:3"));
        t.add(error("an unknown host is not found in upstream", inHttp("upstream a {\nserver nosuch.invalid;\n}\n"),
                "host not found in upstream \"nosuch.invalid\" in $FILE:4"));
        t.add(error("the message names the address as written", inHttp("upstream a {\nserver nosuch.invalid:8080;\n}\n"),
                "host not found in upstream \"nosuch.invalid:8080\" in $FILE:4"));
        t.add(error("a port above 65535 is invalid", inHttp("upstream a {\nserver 127.0.0.1:99999;\n}\n"),
                "invalid port in upstream \"127.0.0.1:99999\" in $FILE:4"));
        t.add(error("a second upstream of the same name is duplicate",
                inHttp("upstream a { server 127.0.0.1; }\nupstream a { server 127.0.0.2; }\n"),
                "duplicate upstream \"a\" in $FILE:4"));
        t.add(error("upstream names are compared case-insensitively",
                inHttp("upstream a { server 127.0.0.1; }\nupstream A { server 127.0.0.2; }\n"),
                "duplicate upstream \"A\" in $FILE:4"));
        t.add(error("a duplicate upstream is refused before its servers are read",
                inHttp("upstream a { server 127.0.0.1; }\nupstream a { server 127.0.0.2 weight=0; }\n"),
                "duplicate upstream \"a\" in $FILE:4"));
        t.add(ok("a host with two addresses gives two peers with the same parameters",
                inHttp("upstream b {\nserver backend.test:8080 weight=3;\n}\n"),
                (config, file) -> {
                    UpstreamServer server = only(config.http().upstreams().get("b").servers());
                    assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 8080),
                            new InetSocketAddress(InetAddress.ofLiteral("127.0.0.3"), 8080)), server.addresses());
                    assertEquals(3, server.weight());
                    assertEquals("backend.test:8080", server.address());
                }));
        t.add(ok("server parameters are read into the model",
                inHttp("upstream a {\nserver 127.0.0.1:8081 weight=5 max_fails=0 fail_timeout=1m30s max_conns=10 backup;\n"
                        + "server 127.0.0.1 down;\n}\n"),
                (config, file) -> {
                    UpstreamConfig group = config.http().upstreams().get("a");
                    assertFalse(group.implicit());
                    UpstreamServer first = group.servers().get(0);
                    assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 8081)), first.addresses());
                    assertEquals(5, first.weight());
                    assertEquals(0, first.maxFails());
                    assertEquals(Duration.ofSeconds(90), first.failTimeout());
                    assertEquals(10, first.maxConns());
                    assertTrue(first.backup());
                    assertFalse(first.down());
                    UpstreamServer second = group.servers().get(1);
                    assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 80)), second.addresses());
                    assertEquals(1, second.weight());
                    assertEquals(1, second.maxFails());
                    assertEquals(Duration.ofSeconds(10), second.failTimeout());
                    assertTrue(second.down());
                    assertEquals(file.toString() + ":5", second.position().toString());
                }));

        // --- proxy_pass (§5.1) and implicit upstreams (§2.1)
        t.add(error("a scheme other than http is an invalid URL prefix",
                inServer("location / {\nproxy_pass ftp://x;\n}\n"),
                "invalid URL prefix in \"ftp://x\" in $FILE:5"));
        t.add(error("a regex location cannot have a URI part",
                inServer("location ~ \\.php$ {\nproxy_pass http://127.0.0.1:9000/x;\n}\n"),
                CANNOT_HAVE_URI + " in $FILE:5"));
        t.add(error("a named location cannot have a URI part",
                inServer("location @fallback {\nproxy_pass http://127.0.0.1:9000/;\n}\n"),
                CANNOT_HAVE_URI + " in $FILE:5"));
        t.add(ok("a regex location may proxy without a URI part",
                inServer("location ~ \\.php$ {\nproxy_pass http://127.0.0.1:9000;\n}\n"),
                (config, file) -> assertNull(proxyOf(firstLocation(config)).uri())));
        t.add(error("an upstream block may not be given a port",
                inHttp("upstream backend { server 127.0.0.1; }\nserver {\nlocation / {\nproxy_pass http://backend:8080;\n}\n}\n"),
                "upstream \"backend\" may not have port 8080 in $FILE:6"));
        t.add(error("an upstream block defined later may not be given a port either",
                inHttp("server {\nlocation / {\nproxy_pass http://backend:8080;\n}\n}\nupstream backend { server 127.0.0.1; }\n"),
                "upstream \"backend\" may not have port 8080 in $FILE:5"));
        t.add(ok("proxy_pass to an address makes an implicit upstream with nginx's defaults",
                inServer("location / {\nproxy_pass http://127.0.0.1:9000;\n}\n"),
                (config, file) -> {
                    ProxyPass pass = proxyOf(firstLocation(config));
                    assertEquals("127.0.0.1:9000", pass.upstream());
                    assertEquals("127.0.0.1:9000", pass.proxyHost());
                    assertNull(pass.uri());
                    UpstreamConfig group = config.http().upstreams().get("127.0.0.1:9000");
                    assertTrue(group.implicit());
                    UpstreamServer server = only(group.servers());
                    assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 9000)), server.addresses());
                    assertEquals(1, server.weight());
                    assertEquals(1, server.maxFails());
                    assertEquals(Duration.ofSeconds(10), server.failTimeout());
                    assertFalse(server.backup());
                }));
        t.add(ok("an implicit upstream resolves every address of its host",
                inServer("location / {\nproxy_pass http://backend.test:8080/;\n}\n"),
                (config, file) -> {
                    ProxyPass pass = proxyOf(firstLocation(config));
                    assertEquals("/", pass.uri());
                    UpstreamServer server = only(config.http().upstreams().get(pass.upstream()).servers());
                    assertEquals(2, server.addresses().size());
                }));
        t.add(ok("an upstream block may come after the proxy_pass that uses it",
                inHttp("server {\nlocation /api/ {\nproxy_pass http://Backend/v1/;\n}\n}\n"
                        + "upstream backend {\nserver 127.0.0.1:8081;\n}\n"),
                (config, file) -> {
                    ProxyPass pass = proxyOf(firstLocation(config));
                    assertEquals("backend", pass.upstream());
                    assertEquals("/v1/", pass.uri());
                    assertEquals(1, config.http().upstreams().size());
                    assertFalse(config.http().upstreams().get("backend").implicit());
                }));
        t.add(error("an implicit upstream that does not resolve names its host",
                inServer("location / {\nproxy_pass http://nosuch.invalid:8080/x;\n}\n"),
                "host not found in upstream \"nosuch.invalid\" in $FILE:5"));
        t.add(error("proxy_pass with a bad port names the rest of the URL",
                inServer("location / {\nproxy_pass http://127.0.0.1:99999/x;\n}\n"),
                "invalid port in upstream \"127.0.0.1:99999/x\" in $FILE:5"));

        // --- location (§6.3)
        t.add(error("an unknown modifier is refused", inServer("location ~~ /x {\n}\n"),
                "invalid location modifier \"~~\" in $FILE:4"));
        t.add(error("two identical prefixes are a duplicate location", inServer("location /a {\n}\nlocation /a {\n}\n"),
                "duplicate location \"/a\" in $FILE:6"));
        t.add(error("^~ and a plain prefix of the same name are a duplicate", inServer("location /a {\n}\nlocation ^~ /a {\n}\n"),
                "duplicate location \"/a\" in $FILE:6"));
        t.add(error("two identical exact locations are a duplicate", inServer("location = /a {\n}\nlocation =/a {\n}\n"),
                "duplicate location \"/a\" in $FILE:6"));
        t.add(ok("an exact and a prefix location may share a name; regex and named ones may repeat",
                inServer("location = /a {\n}\nlocation /a {\n}\nlocation ~ x {\n}\nlocation ~ x {\n}\n"
                        + "location @n {\n}\nlocation @n {\n}\n"),
                (config, file) -> assertEquals(6, config.http().servers().getFirst().locations().size())));
        t.add(error("a nested prefix must start with its parent's", inServer("location /a {\nlocation /b {\n}\n}\n"),
                "location \"/b\" is outside location \"/a\" in $FILE:5"));
        t.add(error("nothing can be nested in an exact location", inServer("location = /a {\nlocation /a/b {\n}\n}\n"),
                "location \"/a/b\" cannot be inside the exact location \"/a\" in $FILE:5"));
        t.add(error("a named location is only allowed at server level", inServer("location /a {\nlocation @x {\n}\n}\n"),
                "named location \"@x\" can be on the server level only in $FILE:5"));
        t.add(error("nothing can be nested in a named location", inServer("location @x {\nlocation /a {\n}\n}\n"),
                "location \"/a\" cannot be inside the named location \"@x\" in $FILE:5"));
        t.add(ok("modifiers may be stuck to the name, except ^~",
                inServer("location =/x {\n}\nlocation ~*\\.gif$ {\n}\nlocation ^~/y {\n}\nlocation /a/ {\nlocation /a/b/ {\n}\n}\n"),
                (config, file) -> {
                    List<LocationConfig> locations = config.http().servers().getFirst().locations();
                    assertEquals(Match.EXACT, locations.get(0).match());
                    assertEquals("/x", locations.get(0).name());
                    assertEquals(Match.REGEX_CASELESS, locations.get(1).match());
                    assertEquals("\\.gif$", locations.get(1).name());
                    assertTrue(locations.get(1).regex().matcher("/A.GIF").find());
                    assertEquals(Match.PREFIX, locations.get(2).match());
                    assertEquals("^~/y", locations.get(2).name());
                    assertEquals("/a/b/", only(locations.get(3).nested()).name());
                }));

        // --- listen (§6.1)
        t.add(ok("listen with a port alone is the wildcard", inServer("listen 8080;\n"),
                (config, file) -> {
                    ListenConfig listen = firstListen(config);
                    assertNull(listen.host());
                    assertEquals(8080, listen.port());
                    assertEquals("0.0.0.0:8080", listen.addressKey());
                }));
        t.add(ok("listen with an address and a port", inServer("listen 127.0.0.1:8080;\n"),
                (config, file) -> {
                    assertEquals("127.0.0.1", firstListen(config).host());
                    assertEquals(8080, firstListen(config).port());
                }));
        t.add(ok("listen with an address alone is port 80", inServer("listen 127.0.0.1;\n"),
                (config, file) -> assertEquals("127.0.0.1:80", firstListen(config).addressKey())));
        t.add(ok("listen with an IPv6 address in brackets", inServer("listen [::1]:8080;\n"),
                (config, file) -> {
                    assertEquals(InetAddress.ofLiteral("::1"), InetAddress.ofLiteral(firstListen(config).host()));
                    assertEquals(8080, firstListen(config).port());
                }));
        t.add(ok("listen *:port is the wildcard", inServer("listen *:8080;\n"),
                (config, file) -> {
                    assertNull(firstListen(config).host());
                    assertEquals("0.0.0.0:8080", firstListen(config).addressKey());
                }));
        t.add(ok("a server without listen uses the default port on the wildcard", inServer(""),
                (config, file) -> assertEquals("0.0.0.0:8000", firstListen(config).addressKey())));
        t.add(ok("listen options: default is default_server, backlog and reuseport are kept",
                inServer("listen 8080 default backlog=1024 reuseport;\n"),
                (config, file) -> {
                    ListenConfig listen = firstListen(config);
                    assertTrue(listen.defaultServer());
                    assertEquals(1024, listen.backlog());
                    assertTrue(listen.reuseport());
                }));
        t.add(error("port 0 is an invalid port for listen", inServer("listen 127.0.0.1:0;\n"),
                "invalid port in \"127.0.0.1:0\" of the \"listen\" directive in $FILE:4"));
        t.add(error("a second default_server on one address is refused",
                inHttp("server {\nlisten 127.0.0.1:8080 default_server;\n}\nserver {\nlisten 127.0.0.1:8080 default_server;\n}\n"),
                "a duplicate default server for 127.0.0.1:8080 in $FILE:7"));
        t.add(error("socket options may be given once per address",
                inHttp("server {\nlisten 127.0.0.1:8080 backlog=100;\n}\nserver {\nlisten 127.0.0.1:8080 backlog=200;\n}\n"),
                "duplicate listen options for 127.0.0.1:8080 in $FILE:7"));
        t.add(error("the ssl parameter needs the ssl module", inServer("listen 443 ssl;\n"),
                "the \"ssl\" parameter requires ngx_http_ssl_module in $FILE:4"));
        t.add(error("an unknown listen parameter is invalid", inServer("listen 8080 fast;\n"),
                "invalid parameter \"fast\" in $FILE:4"));

        // --- server_name (§6.2)
        t.add(ok("a name on two servers of one address is a conflicting-name warning",
                inHttp("server {\nlisten 8080;\nserver_name example.com;\n}\nserver {\nlisten 8080;\nserver_name Example.COM;\n}\n"),
                (config, file) -> {
                    assertEquals(List.of("conflicting server name \"example.com\" on 0.0.0.0:8080, ignored"),
                            config.warnings().stream().map(ConfigWarning::text).toList());
                    assertEquals("warn", config.warnings().getFirst().level());
                }));
        t.add(ok("server names are lowercased except regexes; no server_name is \"\"",
                inHttp("server {\nserver_name WWW.Example.com ~^API\\.;\n}\nserver {\nlisten 8081;\n}\n"),
                (config, file) -> {
                    assertEquals(List.of("www.example.com", "~^API\\."), config.http().servers().get(0).names());
                    assertEquals(List.of(""), config.http().servers().get(1).names());
                }));

        // --- inert directives
        t.add(ok("inert directives load with one notice each",
                "events {\nworker_connections 1024;\n}\nhttp {\nsendfile on;\nsendfile off;\n}\n",
                (config, file) -> assertEquals(List.of(
                        "\"worker_connections\" directive is accepted but has no effect in Ferry in " + file + ":2",
                        "\"sendfile\" directive is accepted but has no effect in Ferry in " + file + ":5"),
                        config.warnings().stream().map(ConfigWarning::text).toList())));

        // --- return
        t.add(ok("return with a code and a URL", inServer("location / {\nreturn 301 http://x/;\n}\n"),
                (config, file) -> assertEquals(new ReturnAction(301, Template.literal("http://x/")), returnOf(firstLocation(config)))));
        t.add(ok("return with a URL alone is a 302", inServer("location / {\nreturn http://x/;\n}\n"),
                (config, file) -> assertEquals(new ReturnAction(302, Template.literal("http://x/")), returnOf(firstLocation(config)))));
        t.add(ok("return with a code and text", inServer("location / {\nreturn 200 text;\n}\n"),
                (config, file) -> assertEquals(new ReturnAction(200, Template.literal("text")), returnOf(firstLocation(config)))));
        t.add(ok("return at server level with a code alone", inServer("return 404;\n"),
                (config, file) -> assertEquals(new ReturnAction(404, null), config.http().servers().getFirst().action())));
        t.add(error("a word that is neither a code nor a URL is an invalid return code",
                inServer("location / {\nreturn abc;\n}\n"),
                "invalid return code \"abc\" in $FILE:5"));
        t.add(error("a URL with text after it is an invalid return code",
                inServer("location / {\nreturn http://x/ text;\n}\n"),
                "invalid return code \"http://x/\" in $FILE:5"));
        t.add(error("a code above 999 is invalid", inServer("location / {\nreturn 1000;\n}\n"),
                "invalid return code \"1000\" in $FILE:5"));

        // --- -g (§1.5)
        t.add(okWithGlobals("-g directives are applied", "pid /tmp/x.pid;", "events {}\n",
                (config, file) -> assertEquals(Path.of("/tmp/x.pid"), config.main().pidFile())));
        t.add(errorWithGlobals("a directive in -g and again in the file is duplicate at the file's line",
                "pid /tmp/x.pid;", "events {}\npid /tmp/y.pid;\n",
                "\"pid\" directive is duplicate in $FILE:2"));
        t.add(errorWithGlobals("an unknown directive in -g is placed in the command line",
                "foo;", "events {}\n",
                "unknown directive \"foo\" in command line"));
        t.add(errorWithGlobals("a block in -g is refused", "events {}", "",
                "block directives are not supported in -g option in command line"));

        return t;
    }

    // --- rows

    static Case error(String behaviour, String config, String error) {
        return new Case(behaviour, null, config, error, null);
    }

    static Case errorWithGlobals(String behaviour, String globals, String config, String error) {
        return new Case(behaviour, globals, config, error, null);
    }

    static Case ok(String behaviour, String config, BiConsumer<FerryConfig, Path> check) {
        return new Case(behaviour, null, config, null, check);
    }

    static Case okWithGlobals(String behaviour, String globals, String config, BiConsumer<FerryConfig, Path> check) {
        return new Case(behaviour, globals, config, null, check);
    }

    /** {@code body} inside {@code http {}}, starting on line 3. */
    static String inHttp(String body) {
        return "events {}\nhttp {\n" + body + "}\n";
    }

    /** {@code body} inside one {@code server {}}, starting on line 4. */
    static String inServer(String body) {
        return inHttp("server {\n" + body + "}\n");
    }

    // --- model access

    static <T> T only(List<T> list) {
        assertEquals(1, list.size(), () -> "expected one element in " + list);
        return list.getFirst();
    }

    static LocationConfig firstLocation(FerryConfig config) {
        return config.http().servers().getFirst().locations().getFirst();
    }

    static ListenConfig firstListen(FerryConfig config) {
        return config.http().servers().getFirst().listens().getFirst();
    }

    static ProxyPass proxyOf(LocationConfig location) {
        return assertInstanceOf(LocationAction.Proxy.class, location.action()).pass();
    }

    static ReturnAction returnOf(LocationConfig location) {
        if (location.action() instanceof LocationAction.Return r) {
            return r.action();
        }
        return fail("not a return: " + location.action());
    }
}
