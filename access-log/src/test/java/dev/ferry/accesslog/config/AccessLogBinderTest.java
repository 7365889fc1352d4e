package dev.ferry.accesslog.config;

import dev.ferry.accesslog.AccessLog;
import dev.ferry.accesslog.AccessLogs;
import dev.ferry.accesslog.BufferSpec;
import dev.ferry.accesslog.LogFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** nginx's all-or-nothing inheritance of access logs ({@code ngx_http_log_merge_loc_conf}) and what it binds. */
class AccessLogBinderTest {

    private static final String DEFAULT = "/srv/ferry/logs/access.log combined";

    @Test
    void withNoAccessLogAnywhereEveryLevelUsesTheDefault() {
        Configs.Bound b = Configs.bind("http { server { location / { } } }");
        assertEquals(DEFAULT, b.describe("http"));
        assertEquals(DEFAULT, b.describe("server 1"));
        assertEquals(DEFAULT, b.describe("server 1 > location /"));
        assertEquals(Set.of(new LogFile(Path.of("/srv/ferry/logs/access.log"), null)), b.binder().files());
    }

    @Test
    void anHttpLogIsInheritedAndTheDefaultIsNotUsed() {
        Configs.Bound b = Configs.bind("http { access_log logs/a.log; server { location / { } } }");
        assertEquals("/srv/ferry/logs/a.log combined", b.describe("server 1 > location /"));
        assertEquals(Set.of(new LogFile(Path.of("/srv/ferry/logs/a.log"), null)), b.binder().files());
    }

    @Test
    void aLevelWithAnyLogReplacesEveryInheritedOne() {
        Configs.Bound b = Configs.bind("""
                http {
                    log_format main '$status';
                    access_log logs/a.log;
                    access_log logs/b.log main;
                    server {
                        access_log /var/log/c.log main;
                        location / { }
                        location /d { access_log logs/d.log; }
                    }
                }
                """);
        assertEquals("/srv/ferry/logs/a.log combined + /srv/ferry/logs/b.log main", b.describe("http"));
        assertEquals("/var/log/c.log main", b.describe("server 1"));
        assertEquals("/var/log/c.log main", b.describe("server 1 > location /"));
        assertEquals("/srv/ferry/logs/d.log combined", b.describe("server 1 > location /d"));
    }

    @Test
    void offTurnsALevelOffAndIsInherited() {
        Configs.Bound b = Configs.bind("""
                http {
                    access_log logs/a.log;
                    server {
                        location / {
                            access_log off;
                            location /inner { }
                            location /own { access_log logs/own.log; }
                        }
                    }
                }
                """);
        assertEquals("off", b.describe("server 1 > location /"));
        assertEquals("off", b.describe("server 1 > location / > location /inner"));
        assertEquals("/srv/ferry/logs/own.log combined", b.describe("server 1 > location / > location /own"));
    }

    @Test
    void offAtALevelWinsOverTheLogsBesideIt() {
        Configs.Bound b = Configs.bind("http { server { access_log logs/x.log; access_log off; location / { } } }");
        assertEquals("off", b.describe("server 1"));
        assertEquals("off", b.describe("server 1 > location /"));
    }

    @Test
    void offOnAServerDoesNotStopALocationsOwnLog() {
        Configs.Bound b = Configs.bind("http { server { access_log off; location / { access_log logs/x.log; } } }");
        assertEquals("/srv/ferry/logs/x.log combined", b.describe("server 1 > location /"));
    }

    @Test
    void ifAndLimitExceptAreLevelsLikeLocations() {
        Configs.Bound b = Configs.bind("""
                http {
                    server {
                        location / {
                            access_log logs/loc.log;
                            if ($slow) { }
                            limit_except GET { access_log off; }
                        }
                        location /x {
                            if ($slow) { access_log logs/slow.log; }
                        }
                    }
                }
                """);
        assertEquals("/srv/ferry/logs/loc.log combined", b.describe("server 1 > location / > if ($slow)"));
        assertEquals("off", b.describe("server 1 > location / > limit_except GET"));
        assertEquals(DEFAULT, b.describe("server 1 > location /x"));
        assertEquals("/srv/ferry/logs/slow.log combined", b.describe("server 1 > location /x > if ($slow)"));
    }

    @Test
    void aLevelWithNothingOfItsOwnIsItsParentsValue() {
        Configs.Bound b = Configs.bind("http { access_log logs/a.log; server { location / { } } }");
        assertSame(b.level("server 1"), b.level("server 1 > location /"));
        assertSame(b.level("http"), b.level("server 1"));
    }

    @Test
    void openLogFileCacheIsInheritedOnItsOwn() {
        Configs.Bound b = Configs.bind("""
                http {
                    open_log_file_cache max=100 inactive=20s min_uses=2 valid=1m;
                    server {
                        access_log logs/$host.log;
                        location / { }
                        location /nocache { open_log_file_cache off; }
                    }
                    server { }
                }
                """);
        String cache = " | cache max=100 inactive=20 min_uses=2 valid=60";
        assertEquals(DEFAULT + cache, b.describe("http"));
        assertEquals("/srv/ferry/logs/$host.log combined" + cache, b.describe("server 1"));
        assertEquals("/srv/ferry/logs/$host.log combined" + cache, b.describe("server 1 > location /"));
        assertEquals("/srv/ferry/logs/$host.log combined", b.describe("server 1 > location /nocache"));
        assertEquals(DEFAULT + cache, b.describe("server 2"));
    }

    @Test
    void theCacheDefaultsAreNginxs() {
        Configs.Bound b = Configs.bind("http { open_log_file_cache max=5; }");
        assertEquals(DEFAULT + " | cache max=5 inactive=10 min_uses=1 valid=60", b.describe("http"));
    }

    @Test
    void oneFileHasOneBufferWhicheverLineGaveIt() {
        Configs.Bound b = Configs.bind("""
                http {
                    access_log logs/a.log;
                    server {
                        access_log /srv/ferry/logs/a.log combined buffer=32k flush=5s;
                    }
                }
                """);
        AccessLog http = b.level("http").logs().getFirst();
        AccessLog server = b.level("server 1").logs().getFirst();
        assertSame(http.file(), server.file());
        assertEquals(new BufferSpec(32 * 1024, 5000, 0), http.file().buffer());
    }

    @Test
    void theDefaultLogSharesTheBufferOfItsFile() {
        Configs.Bound b = Configs.bind("http { server { access_log logs/access.log combined gzip=4; } server { } }");
        assertEquals(DEFAULT + " buffer=65536 flush=0 gzip=4", b.describe("server 2"));
        assertEquals(1, b.binder().files().size());
    }

    @Test
    void gzipImpliesA64kBufferUnlessABufferIsGiven() {
        Configs.Bound b = Configs.bind("""
                http {
                    access_log logs/a.log combined gzip;
                    access_log logs/b.log combined buffer=8k gzip=9;
                    access_log logs/c.log combined gzip buffer=16k;
                }
                """);
        assertEquals("/srv/ferry/logs/a.log combined buffer=65536 flush=0 gzip=1"
                + " + /srv/ferry/logs/b.log combined buffer=8192 flush=0 gzip=9"
                + " + /srv/ferry/logs/c.log combined buffer=16384 flush=0 gzip=1", b.describe("http"));
    }

    @Test
    void aPathWithVariablesIsATemplateUnderThePrefixAndNoFile() {
        Configs.Bound b = Configs.bind("http { access_log logs/$host.log combined if=$loggable; }");
        AccessLog log = b.level("http").logs().getFirst();
        assertNull(log.file());
        assertEquals("/srv/ferry/logs/$host.log", log.pathTemplate().source());
        assertEquals(List.of("host"), log.pathTemplate().askedVariables());
        assertEquals("$loggable", log.condition().source());
        assertEquals(Set.of(), b.binder().files());
    }

    @Test
    void formatsAreKeptByNameCombinedFirst() {
        Configs.Bound b = Configs.bind("http { log_format main '$status'; log_format json escape=json '$uri'; }");
        assertEquals(List.of("combined", "main", "json"), List.copyOf(b.binder().formats().keySet()));
    }

    @Test
    void theFormatIsTheOneNamedAndCombinedWithoutAName() {
        Configs.Bound b = Configs.bind("http { log_format main '$status'; access_log a.log main; access_log b.log; }");
        List<AccessLog> logs = b.level("http").logs();
        assertSame(b.binder().formats().get("main"), logs.get(0).format());
        assertSame(b.binder().formats().get("combined"), logs.get(1).format());
    }

    @Test
    void serverAndLocationNeedTheHttpLevelFirst() {
        AccessLogBinder binder = new AccessLogBinder(Configs.PREFIX, name -> true);
        assertThrows(IllegalStateException.class, () -> binder.forServer(AccessLogs.OFF, List.of()));
    }
}
