package dev.ferry.upstream.next;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.DirectiveRegistry;
import dev.ferry.conf.syntax.ConfigParser;
import dev.ferry.upstream.config.TestHostModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proxy_next_upstream directives: values, messages, and inheritance from http to location. */
class NextUpstreamConfigTest {

    @TempDir
    Path dir;

    private final List<ConfigWarning> warnings = new ArrayList<>();

    /** The http block's directives, parsed with the registry's checks. */
    private List<Directive> http(String body) throws IOException {
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, "http {\n" + body + "\n}\n");
        DirectiveRegistry registry = DirectiveRegistry.of(List.of(new TestHostModule(), new NextUpstreamModule()));
        return ConfigParser.parse(file, registry.checker()).directives().getFirst().block();
    }

    private static Directive child(List<Directive> block, String name, int index) {
        return block.stream().filter(d -> d.name().equals(name)).toList().get(index);
    }

    private String error(String body) {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            List<Directive> block = http(body);
            NextUpstreamBinder binder = new NextUpstreamBinder(warnings::add);
            NextUpstreamConfig top = binder.bind(block, NextUpstreamConfig.DEFAULT);
            for (Directive server : block) {
                if (server.name().equals("server")) {
                    binder.bind(server.block(), top);
                }
            }
        });
        return e.getMessage().replace(" in " + dir.resolve("nginx.conf"), " in FILE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            proxy_next_upstream foo;                                   => invalid value "foo" in FILE:2
            proxy_next_upstream error http_501;                        => invalid value "http_501" in FILE:2
            proxy_next_upstream;                                       => invalid number of arguments in "proxy_next_upstream" directive in FILE:2
            proxy_next_upstream_tries x;                               => "proxy_next_upstream_tries" directive invalid number in FILE:2
            proxy_next_upstream_tries -1;                              => "proxy_next_upstream_tries" directive invalid number in FILE:2
            proxy_next_upstream_tries 1 2;                             => invalid number of arguments in "proxy_next_upstream_tries" directive in FILE:2
            proxy_next_upstream_timeout 1y;                            => "proxy_next_upstream_timeout" directive invalid value in FILE:2
            proxy_next_upstream_timeout x;                             => "proxy_next_upstream_timeout" directive invalid value in FILE:2
            server { proxy_next_upstream_tries 1; proxy_next_upstream_tries 2; } => "proxy_next_upstream_tries" directive is duplicate in FILE:2
            server { proxy_next_upstream_timeout 1; proxy_next_upstream_timeout 2; } => "proxy_next_upstream_timeout" directive is duplicate in FILE:2
            """)
    void aBadValueIsRefusedInNginxWords(String body, String message) {
        assertEquals(message, error(body));
    }

    @Test
    void theDefaultIsErrorAndTimeoutWithoutLimits() {
        assertEquals(new NextUpstreamConfig(EnumSet.of(FailureKind.ERROR, FailureKind.TIMEOUT), false, 0, Duration.ZERO),
                NextUpstreamConfig.DEFAULT);
    }

    @Test
    void valuesAreReadIgnoringCaseAndOffAnywhereTurnsEverythingOff() throws IOException {
        NextUpstreamBinder binder = new NextUpstreamBinder(warnings::add);
        NextUpstreamConfig mixed = binder.bind(http("proxy_next_upstream ERROR Http_502 non_idempotent updating;"),
                NextUpstreamConfig.DEFAULT);
        assertEquals(Set.of(FailureKind.ERROR, FailureKind.HTTP_502), mixed.retryOn());
        assertTrue(mixed.nonIdempotent());
        NextUpstreamConfig off = binder.bind(http("proxy_next_upstream error off non_idempotent;"), NextUpstreamConfig.DEFAULT);
        assertEquals(Set.of(), off.retryOn());
        assertEquals(false, off.nonIdempotent());
    }

    @Test
    void linesOfOneLevelAddUpAndARepeatedValueIsAWarning() throws IOException {
        NextUpstreamConfig config = new NextUpstreamBinder(warnings::add).bind(
                http("proxy_next_upstream error;\nproxy_next_upstream http_503 error;"), NextUpstreamConfig.DEFAULT);
        assertEquals(Set.of(FailureKind.ERROR, FailureKind.HTTP_503), config.retryOn());
        assertEquals(1, warnings.size());
        assertEquals("duplicate value \"error\" in FILE:3",
                warnings.getFirst().text().replace(" in " + dir.resolve("nginx.conf"), " in FILE"));
        assertEquals("warn", warnings.getFirst().level());
    }

    @Test
    void eachLevelInheritsWhatItDoesNotSetAndReplacesWhatItSets() throws IOException {
        List<Directive> block = http("""
                proxy_next_upstream error timeout http_502;
                proxy_next_upstream_tries 3;
                server {
                    proxy_next_upstream_timeout 5s;
                    location /a { proxy_next_upstream http_404; }
                    location /b { proxy_next_upstream off; location /b/c { } }
                    location /d { }
                }
                """);
        NextUpstreamBinder binder = new NextUpstreamBinder(warnings::add);
        NextUpstreamConfig http = binder.bind(block, NextUpstreamConfig.DEFAULT);
        Directive serverBlock = child(block, "server", 0);
        NextUpstreamConfig server = binder.bind(serverBlock.block(), http);
        List<Directive> locations = serverBlock.block().stream().filter(d -> d.name().equals("location")).toList();
        NextUpstreamConfig a = binder.bind(locations.get(0).block(), server);
        NextUpstreamConfig b = binder.bind(locations.get(1).block(), server);
        NextUpstreamConfig c = binder.bind(child(locations.get(1).block(), "location", 0).block(), b);
        NextUpstreamConfig d = binder.bind(locations.get(2).block(), server);

        Set<FailureKind> httpKinds = Set.of(FailureKind.ERROR, FailureKind.TIMEOUT, FailureKind.HTTP_502);
        assertEquals(new NextUpstreamConfig(httpKinds, false, 3, Duration.ZERO), http);
        assertEquals(new NextUpstreamConfig(httpKinds, false, 3, Duration.ofSeconds(5)), server);
        assertEquals(new NextUpstreamConfig(Set.of(FailureKind.HTTP_404), false, 3, Duration.ofSeconds(5)), a);
        assertEquals(new NextUpstreamConfig(Set.of(), false, 3, Duration.ofSeconds(5)), b);
        assertEquals(b, c);
        assertEquals(server, d);
    }
}
