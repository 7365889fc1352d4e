package dev.ferry.upstream.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.DirectiveRegistry;
import dev.ferry.conf.syntax.ConfigParser;
import dev.ferry.upstream.next.NextUpstreamModule;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Config text to exact errors, warnings and bound groups: the upstream block's directives as
 * nginx's handlers check them (SPEC §2), read from a file with the registry's checks and then
 * bound.
 */
class UpstreamDirectivesTest {

    private static final HostResolver RESOLVER = host -> List.of(InetAddress.ofLiteral(host));

    @TempDir
    Path dir;

    private final List<ConfigWarning> warnings = new ArrayList<>();

    /** Parses {@code text} with the checks of the upstream modules, then binds every upstream block. */
    private List<UpstreamConfig> load(String text) throws IOException {
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, text);
        DirectiveRegistry registry = DirectiveRegistry.of(
                List.of(new TestHostModule(), new UpstreamModule(RESOLVER), new NextUpstreamModule()));
        List<Directive> main = ConfigParser.parse(file, registry.checker()).directives();
        UpstreamBinder binder = new UpstreamBinder(RESOLVER, warnings::add);
        List<UpstreamConfig> groups = new ArrayList<>();
        for (Directive http : main) {
            for (Directive d : http.block()) {
                if (d.name().equals("upstream")) {
                    groups.add(binder.bind(d));
                }
            }
        }
        UpstreamBinder.checkZones(groups);
        return groups;
    }

    private UpstreamConfig upstream(String body) throws IOException {
        return load("http { upstream b { " + body + " } }").getFirst();
    }

    private String error(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text));
        return e.getMessage().replace(" in " + dir.resolve("nginx.conf"), " in FILE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            server 127.0.0.1 weight=0;                          => invalid parameter "weight=0"
            server 127.0.0.1 foo;                               => invalid parameter "foo"
            ip_hash; server 127.0.0.1 backup;                   => balancing method does not support parameter "backup"
            hash $uri; server 127.0.0.1 backup;                 => balancing method does not support parameter "backup"
            hash $uri consistent; server 127.0.0.1 backup;      => balancing method does not support parameter "backup"
            random; server 127.0.0.1 backup;                    => balancing method does not support parameter "backup"
            random two; server 127.0.0.1 backup;                => balancing method does not support parameter "backup"
            server 127.0.0.1 backup; ip_hash;                   => balancing method does not support parameter "backup"
            server 127.0.0.1 backup; hash $uri;                 => balancing method does not support parameter "backup"
            server 127.0.0.1 backup; random;                    => balancing method does not support parameter "backup"
            ip_hash; server 127.0.0.1 weight=0 backup;          => invalid parameter "weight=0"
            ip_hash; server 127.0.0.1 backup weight=0;          => balancing method does not support parameter "backup"
            ip_hash; server 127.0.0.1 backup foo;               => balancing method does not support parameter "backup"
            ip_hash x;                                          => invalid number of arguments in "ip_hash" directive
            least_conn x;                                       => invalid number of arguments in "least_conn" directive
            hash;                                               => invalid number of arguments in "hash" directive
            hash $uri consistent x;                             => invalid number of arguments in "hash" directive
            hash $uri Consistent;                               => invalid parameter "Consistent"
            random foo;                                         => invalid parameter "foo"
            random least_conn;                                  => invalid parameter "least_conn"
            random two foo;                                     => invalid parameter "foo"
            random two least_conn x;                            => invalid number of arguments in "random" directive
            keepalive;                                          => invalid number of arguments in "keepalive" directive
            keepalive x;                                        => invalid value "x" in "keepalive" directive
            keepalive -1;                                       => invalid value "-1" in "keepalive" directive
            keepalive 8 foo;                                    => invalid parameter "foo"
            keepalive 8 local x;                                => invalid number of arguments in "keepalive" directive
            keepalive 8; keepalive 8;                           => "keepalive" directive is duplicate
            keepalive_timeout x;                                => "keepalive_timeout" directive invalid value
            keepalive_timeout 1y;                               => "keepalive_timeout" directive invalid value
            keepalive_timeout 1s; keepalive_timeout 2s;         => "keepalive_timeout" directive is duplicate
            keepalive_time 1M;                                  => "keepalive_time" directive invalid value
            keepalive_time 1h; keepalive_time 1h;               => "keepalive_time" directive is duplicate
            keepalive_requests x;                               => "keepalive_requests" directive invalid number
            keepalive_requests 99999999999999999999;            => "keepalive_requests" directive invalid number
            keepalive_requests 1; keepalive_requests 2;         => "keepalive_requests" directive is duplicate
            zone "";                                            => invalid zone name ""
            zone z abc;                                         => invalid zone size "abc"
            zone z 1k;                                          => zone "z" is too small
            zone z 32767;                                       => zone "z" is too small
            zone z 64k x;                                       => invalid number of arguments in "zone" directive
            proxy_next_upstream error;                          => "proxy_next_upstream" directive is not allowed here
            ;                                                   => unexpected ";"
            """)
    void aBadLineInAnUpstreamBlockIsRefusedInNginxWords(String body, String message) {
        assertEquals(message + " in FILE:1", error("http { upstream b { " + body + " server 127.0.0.2; } }"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            upstream b { }                                                  => no servers are inside upstream
            upstream b { server 127.0.0.1 backup; }                          => no servers in upstream "b"
            upstream b { zone z; server 127.0.0.1; }                         => zero size shared memory zone "z"
            ip_hash;                                                        => "ip_hash" directive is not allowed here
            keepalive 8;                                                    => "keepalive" directive is not allowed here
            """)
    void aBadUpstreamBlockIsRefusedInNginxWords(String http, String message) {
        String got = error("http { " + http + " }");
        assertEquals(message, got.endsWith(" in FILE:1") ? got.substring(0, got.length() - 10) : got);
    }

    @Test
    void zonesOfOneNameMustAgreeOnTheirSize() {
        assertEquals("the size 131072 of shared memory zone \"z\" conflicts with already declared size 65536 in FILE:3",
                error("""
                        http {
                          upstream a { zone z 64k; server 127.0.0.1; }
                          upstream b { zone z 128k; server 127.0.0.1; }
                        }
                        """));
    }

    @Test
    void aZoneSizeGivenOnceServesEveryUpstreamOfThatName() throws IOException {
        List<UpstreamConfig> groups = load("""
                http {
                  upstream a { zone z; server 127.0.0.1; }
                  upstream b { zone z 64k; server 127.0.0.1; }
                }
                """);
        assertEquals(new UpstreamZone("z", 0), groups.get(0).zone());
        assertEquals(new UpstreamZone("z", 65536), groups.get(1).zone());
    }

    @Test
    void theFirstBadLineInTheFileIsTheOneReported() {
        assertEquals("balancing method does not support parameter \"backup\" in FILE:4", error("""
                http {
                  upstream b {
                    ip_hash;
                    server 127.0.0.1 backup;
                    server 127.0.0.1 weight=0;
                  }
                }
                """));
    }

    @Test
    void aBackupWrittenBeforeTheMethodIsNamedAtItsOwnLine() {
        assertEquals("balancing method does not support parameter \"backup\" in FILE:4", error("""
                http {
                  upstream b {
                    server 127.0.0.1;
                    server 127.0.0.2 backup;
                    hash $request_uri;
                  }
                }
                """));
    }

    @Test
    void leastConnKeepsBackupsWhereverTheyStand() throws IOException {
        UpstreamConfig group = upstream("server 127.0.0.2 backup; least_conn; server 127.0.0.1; server 127.0.0.3 backup;");
        assertEquals(new BalancingMethod.LeastConn(), group.method());
        assertEquals(2, group.servers().stream().filter(UpstreamServer::backup).count());
    }

    @Test
    void aSecondMethodWarnsAndTheLastOneWins() throws IOException {
        String text = """
                http {
                  upstream b {
                    least_conn;
                    server 127.0.0.1;
                    ip_hash;
                    hash $remote_addr consistent;
                  }
                }
                """;
        UpstreamConfig group = load(text).getFirst();
        assertEquals(new BalancingMethod.Hash("$remote_addr", true), group.method());
        assertEquals(List.of("load balancing method redefined in FILE:5", "load balancing method redefined in FILE:6"),
                warnings.stream().map(w -> w.text().replace(" in " + dir.resolve("nginx.conf"), " in FILE")).toList());
        assertEquals("warn", warnings.getFirst().level());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            server 127.0.0.1;                                  => RoundRobin[]
            least_conn; server 127.0.0.1;                      => LeastConn[]
            ip_hash; server 127.0.0.1;                         => IpHash[]
            hash $request_uri; server 127.0.0.1;               => Hash[key=$request_uri, consistent=false]
            hash "$host$uri" consistent; server 127.0.0.1;     => Hash[key=$host$uri, consistent=true]
            random; server 127.0.0.1;                          => Random[two=false]
            random two; server 127.0.0.1;                      => Random[two=true]
            random two least_conn; server 127.0.0.1;           => Random[two=true]
            """)
    void theMethodIsBound(String body, String method) throws IOException {
        assertEquals(method, upstream(body).method().toString());
    }

    @Test
    void anUpstreamBlockCachesThirtyTwoConnectionsPerLocationByDefault() throws IOException {
        assertEquals(KeepaliveConfig.DEFAULT, upstream("server 127.0.0.1;").keepalive());
        assertEquals(new KeepaliveConfig(32, true, Duration.ofSeconds(60), 1000, Duration.ofHours(1)),
                KeepaliveConfig.DEFAULT);
        assertNull(upstream("server 127.0.0.1;").zone());
    }

    @Test
    void keepaliveSettingsAreBound() throws IOException {
        UpstreamConfig group = upstream("keepalive 16; keepalive_timeout 30s; keepalive_requests 500;"
                + " keepalive_time 10m; server 127.0.0.1;");
        assertEquals(new KeepaliveConfig(16, false, Duration.ofSeconds(30), 500, Duration.ofMinutes(10)),
                group.keepalive());
        assertEquals(true, upstream("server 127.0.0.1; keepalive 4 local;").keepalive().local());
    }

    @Test
    void keepaliveZeroTurnsTheCacheOffWhereverItStands() throws IOException {
        KeepaliveConfig off = upstream("server 127.0.0.1; keepalive 0; ip_hash;").keepalive();
        assertEquals(false, off.enabled());
        assertEquals(new BalancingMethod.IpHash(), upstream("keepalive 0; ip_hash; server 127.0.0.1;").method());
        assertEquals(List.of(), warnings, "keepalive is no balancing method since 1.29.7");
    }

    @Test
    void anImplicitUpstreamHasNoCache() {
        UpstreamConfig implicit = new UpstreamConfig("127.0.0.1:8080",
                List.of(UpstreamServer.implicit("127.0.0.1:8080", List.of(new java.net.InetSocketAddress("127.0.0.1", 8080)),
                        dev.ferry.conf.SourcePosition.COMMAND_LINE)), true, dev.ferry.conf.SourcePosition.COMMAND_LINE);
        assertEquals(KeepaliveConfig.OFF, implicit.keepalive());
        assertEquals(BalancingMethod.ROUND_ROBIN, implicit.method());
    }

    @Test
    void aGroupThatMixesBackupsWithAHashIsRefusedByTheRecordToo() {
        UpstreamServer backup = new UpstreamBinder(RESOLVER).bindServer(
                Directive.simple("server", List.of("127.0.0.1", "backup"), dev.ferry.conf.SourcePosition.COMMAND_LINE));
        assertThrows(IllegalArgumentException.class, () -> new UpstreamConfig("b", List.of(backup), false,
                new BalancingMethod.IpHash(), KeepaliveConfig.DEFAULT, null, dev.ferry.conf.SourcePosition.COMMAND_LINE));
    }
}
