package dev.ferry.vrrp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.registry.DirectiveRegistry;
import dev.ferry.conf.syntax.ConfigParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code vrrp_instance} block: each keyword's read-time check with nginx's wording and the
 * place, and keepalived's defaults and validation rules in the binder (SPEC-vrrp.md §2.3, §4).
 * A body goes on line 2 of the file, inside {@code vrrp_instance VI_1 {} on line 1.
 */
class VrrpConfigTest {

    @TempDir
    Path dir;

    final List<ConfigWarning> warnings = new ArrayList<>();

    static final UpstreamDirectory UPSTREAMS = name -> name.equals("backend")
            ? Optional.of(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 9001)))
            : Optional.empty();

    Path file(String text) {
        try {
            Path f = dir.resolve("vrrp.conf");
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<VrrpInstanceConfig> loadFile(String text) {
        Path f = file(text);
        DirectiveRegistry registry = DirectiveRegistry.of(List.of(new VrrpModule()));
        var parsed = ConfigParser.parse(f, registry.checker());
        return new VrrpBinder(UPSTREAMS, warnings::add).bind(parsed.directives());
    }

    /** A one-instance file whose body starts on line 2. */
    VrrpInstanceConfig load(String body) {
        return loadFile("vrrp_instance VI_1 {\n" + body + "\n}\n").getFirst();
    }

    String error(String body) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(body));
        return e.getMessage().replace(dir.resolve("vrrp.conf").toString(), "$FILE");
    }

    static final String MINIMAL = "interface eth0; virtual_router_id 51; virtual_ipaddress 10.0.0.100/24;";

    @Test
    void aMinimalInstanceGetsKeepalivedsDefaults() {
        VrrpInstanceConfig c = load(MINIMAL);
        assertEquals("VI_1", c.name());
        assertEquals(InitialState.BACKUP, c.initialState());
        assertEquals(100, c.priority());
        assertEquals(2, c.version());
        assertEquals(Duration.ofSeconds(1), c.advertInterval());
        assertEquals(Duration.ofSeconds(5), c.garpMasterDelay());
        assertEquals(5, c.garpMasterRepeat());
        assertEquals(Duration.ZERO, c.garpMasterRefresh());
        assertTrue(c.preempt());
        assertFalse(c.unicast());
        assertNull(c.authPass());
        assertEquals("10.0.0.100/24", c.virtualAddresses().getFirst().toString());
        assertEquals(List.of(), warnings);
    }

    @Test
    void stateMasterWithoutPriorityIsTheOwnerWith255() {
        assertEquals(255, load(MINIMAL + " state MASTER;").priority());
        assertEquals(150, load(MINIMAL + " state MASTER; priority 150;").priority());
    }

    @Test
    void withoutStateThePriorityDecidesIt() {
        assertEquals(InitialState.MASTER, load(MINIMAL + " priority 255;").initialState());
        assertEquals(InitialState.BACKUP, load(MINIMAL + " priority 254;").initialState());
    }

    @Test
    void everyKeywordOfFerrysFormIsRead() {
        VrrpInstanceConfig c = load("""
                state BACKUP; interface eth0; virtual_router_id 51; priority 120; advert_int 2s; version 2;
                auth_pass s3cret; virtual_ipaddress 10.1.10.88/24 10.1.10.99; virtual_ipaddress 10.1.10.77;
                preempt_delay 30s; unicast_src_ip 10.1.10.65; unicast_peer 10.1.10.68; unicast_peer 10.1.10.69;
                track_interface eth1 weight=-50; track_interface eth2; track_upstream backend weight=-60;
                notify_master /usr/local/bin/on-master arg; notify_backup /bin/b; notify_fault /bin/f;
                notify_stop /bin/s; notify /bin/any; garp_master_delay 10s; garp_master_repeat 3;
                garp_master_refresh 60s;""");
        assertEquals(120, c.priority());
        assertEquals(Duration.ofSeconds(2), c.advertInterval());
        assertEquals("s3cret", c.authPass());
        assertEquals(3, c.virtualAddresses().size());
        assertEquals(32, c.virtualAddresses().get(1).prefixLength(), "keepalived's default mask");
        assertEquals(Duration.ofSeconds(30), c.preemptDelay());
        assertEquals("10.1.10.65", c.unicastSource().getHostAddress());
        assertEquals(2, c.unicastPeers().size());
        assertEquals(List.of(new TrackedInterface("eth1", -50), new TrackedInterface("eth2", 0)), c.trackInterfaces());
        assertEquals("backend", c.trackUpstreams().getFirst().name());
        assertEquals(-60, c.trackUpstreams().getFirst().weight());
        assertEquals(1, c.trackUpstreams().getFirst().peers().size());
        assertEquals(List.of("/usr/local/bin/on-master", "arg"), c.notifyScripts().master());
        assertEquals(List.of("/bin/any"), c.notifyScripts().any());
        assertEquals(Duration.ofSeconds(10), c.garpMasterDelay());
        assertEquals(3, c.garpMasterRepeat());
        assertEquals(Duration.ofSeconds(60), c.garpMasterRefresh());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "priority 0;           | invalid value \"0\" in \"priority\" directive, it must be between 1 and 255 in $FILE:2",
            "priority 256;         | invalid value \"256\" in \"priority\" directive, it must be between 1 and 255 in $FILE:2",
            "priority high;        | invalid value \"high\" in \"priority\" directive, it must be between 1 and 255 in $FILE:2",
            "virtual_router_id 0;  | invalid value \"0\" in \"virtual_router_id\" directive, it must be between 1 and 255 in $FILE:2",
            "state PRIMARY;        | invalid value \"PRIMARY\" in \"state\" directive, it must be \"MASTER\" or \"BACKUP\" in $FILE:2",
            "version 4;            | invalid value \"4\" in \"version\" directive, it must be between 2 and 3 in $FILE:2",
            "advert_int 1x;        | invalid value \"1x\" in \"advert_int\" directive in $FILE:2",
            "advert_int 5m;        | invalid value \"5m\" in \"advert_int\" directive, it must be between 10ms and 255s in $FILE:2",
            "virtual_ipaddress 10.0.0.300; | invalid address \"10.0.0.300\" in \"virtual_ipaddress\" directive in $FILE:2",
            "virtual_ipaddress 10.0.0.1/33; | invalid address \"10.0.0.1/33\" in \"virtual_ipaddress\" directive in $FILE:2",
            "virtual_ipaddress vip.example; | invalid address \"vip.example\" in \"virtual_ipaddress\" directive in $FILE:2",
            "virtual_ipaddress fd00::1;  | IPv6 address \"fd00::1\" in \"virtual_ipaddress\" directive is not supported in $FILE:2",
            "unicast_peer 10.0.0;  | invalid address \"10.0.0\" in \"unicast_peer\" directive in $FILE:2",
            "interface a/b;        | invalid interface name \"a/b\" in \"interface\" directive in $FILE:2",
            "interface abcdefghijklmnop; | invalid interface name \"abcdefghijklmnop\" in \"interface\" directive in $FILE:2",
            "track_interface eth1 w=5; | invalid parameter \"w=5\" in $FILE:2",
            "track_upstream backend weight=300; | invalid value \"300\" in \"track_upstream\" directive, it must be between -253 and 253 in $FILE:2",
            "track_upstream nowhere; | no upstream \"nowhere\" for \"track_upstream\" directive in $FILE:2",
            "preempt_delay 2000s;  | invalid value \"2000s\" in \"preempt_delay\" directive, it must be between 0s and 1000s in $FILE:2",
            "garp_master_repeat 0; | invalid value \"0\" in \"garp_master_repeat\" directive, it must be between 1 and 255 in $FILE:2",
            "notify_master on-master.sh; | \"notify_master\" directive needs an absolute path, not \"on-master.sh\" in $FILE:2",
            "nopreempt on;         | invalid number of arguments in \"nopreempt\" directive in $FILE:2",
            "priority 1; priority 2; | \"priority\" directive is duplicate in $FILE:2",
            "listen 80;            | unknown directive \"listen\" in $FILE:2",
    })
    void eachKeywordChecksItsArgumentsAsItIsRead(String line, String message) {
        assertEquals(message, error(line + "\n" + MINIMAL));
    }

    @Test
    void theFirstErrorInTheFileIsTheOneReported() {
        assertEquals("invalid value \"0\" in \"priority\" directive, it must be between 1 and 255 in $FILE:2",
                error("priority 0;\nvirtual_router_id 999;"));
    }

    @Test
    void requiredKeywordsAreNamedAtTheBlock() {
        assertEquals("no \"virtual_router_id\" in vrrp_instance \"VI_1\" in $FILE:1",
                error("interface eth0; virtual_ipaddress 10.0.0.1;"));
        assertEquals("no \"virtual_ipaddress\" in vrrp_instance \"VI_1\" in $FILE:1",
                error("interface eth0; virtual_router_id 1;"));
        assertEquals("no \"interface\" in vrrp_instance \"VI_1\" (it is required unless \"unicast_peer\" is set) in $FILE:1",
                error("virtual_router_id 1; virtual_ipaddress 10.0.0.1;"));
    }

    @Test
    void unicastNeedsNoInterfaceWhenTheSourceIsGiven() {
        VrrpInstanceConfig c = load("virtual_router_id 1; virtual_ipaddress 10.0.0.1; unicast_src_ip 10.0.0.2;"
                + " unicast_peer 10.0.0.3;");
        assertNull(c.interfaceName());
        assertTrue(c.unicast());
    }

    @Test
    void v2AdvertIntervalIsWholeSecondsAndV3Is10msSteps() {
        assertEquals("invalid value \"500ms\" in \"advert_int\" directive, it must be whole seconds from 1s to 255s"
                + " with version 2 in $FILE:2", error(MINIMAL + " advert_int 500ms;"));
        assertEquals(Duration.ofMillis(100), load(MINIMAL + " version 3; advert_int 100ms;").advertInterval());
        assertEquals("invalid value \"105ms\" in \"advert_int\" directive, it must be a multiple of 10ms from 10ms"
                + " to 40950ms with version 3 in $FILE:2", error(MINIMAL + " version 3; advert_int 105ms;"));
        assertEquals("invalid value \"41s\" in \"advert_int\" directive, it must be a multiple of 10ms from 10ms"
                + " to 40950ms with version 3 in $FILE:2", error(MINIMAL + " version 3; advert_int 41s;"));
    }

    @Test
    void nopreemptIsDroppedWithAWarningForStateMasterOrTheOwner() {
        assertTrue(load(MINIMAL + " state MASTER; priority 150; nopreempt;").preempt());
        assertEquals("\"nopreempt\" is ignored with state MASTER, as in keepalived", warnings.getFirst().message());
        assertEquals("warn", warnings.getFirst().level());
        warnings.clear();
        assertTrue(load(MINIMAL + " priority 255; state BACKUP; nopreempt;").preempt());
        assertEquals("\"nopreempt\" is ignored with priority 255, as in keepalived", warnings.getFirst().message());
        warnings.clear();
        assertFalse(load(MINIMAL + " state BACKUP; priority 200; nopreempt;").preempt());
        assertEquals(List.of(), warnings);
    }

    @Test
    void preemptDelayIsDroppedWithNopreemptOrStateMaster() {
        assertEquals(Duration.ZERO, load(MINIMAL + " nopreempt; preempt_delay 30s;").preemptDelay());
        assertEquals("\"preempt_delay\" is ignored with \"nopreempt\", as in keepalived", warnings.getFirst().message());
        warnings.clear();
        assertEquals(Duration.ZERO, load(MINIMAL + " state MASTER; priority 100; preempt_delay 30;").preemptDelay());
        assertEquals("\"preempt_delay\" is ignored with state MASTER, as in keepalived", warnings.getFirst().message());
    }

    @Test
    void authIsIgnoredWithAWarningOnV3AndCutToEightCharactersOnV2() {
        assertNull(load(MINIMAL + " version 3; auth_pass secret;").authPass());
        assertEquals("\"auth_pass\" is ignored with version 3 (VRRPv3 has no authentication)",
                warnings.getFirst().text().replace(" in " + dir.resolve("vrrp.conf") + ":2", ""));
        warnings.clear();
        assertEquals("12345678", load(MINIMAL + " auth_pass 1234567890;").authPass());
        assertEquals(1, warnings.size());
    }

    @Test
    void twoInstancesMayNotShareAVridOnOneInterface() {
        ConfigException e = assertThrows(ConfigException.class, () -> loadFile("""
                vrrp_instance VI_1 { interface eth0; virtual_router_id 51; virtual_ipaddress 10.0.0.1; }
                vrrp_instance VI_2 { interface eth0; virtual_router_id 51; virtual_ipaddress 10.0.0.2; }
                vrrp_instance VI_3 { interface eth1; virtual_router_id 51; virtual_ipaddress 10.0.0.3; }
                """));
        assertEquals("virtual_router_id 51 of vrrp_instance \"VI_2\" is already used by vrrp_instance \"VI_1\" on \"eth0\"",
                e.reason());
    }

    @Test
    void theSeedsDualMasterPairLoadsTwoInstances() {
        List<VrrpInstanceConfig> both = loadFile("""
                vrrp_instance VI_A { state MASTER; priority 150; interface eth0; virtual_router_id 51; virtual_ipaddress 192.0.2.100/24; }
                vrrp_instance VI_B { state BACKUP; priority 100; interface eth0; virtual_router_id 52; virtual_ipaddress 192.0.2.101/24; }
                """);
        assertEquals(List.of("VI_A", "VI_B"), both.stream().map(VrrpInstanceConfig::name).toList());
    }

    @Test
    void aSecondInstanceOfTheSameNameIsRefusedWhenItsHeadIsRead() {
        ConfigException e = assertThrows(ConfigException.class, () -> loadFile("""
                vrrp_instance VI_1 { interface eth0; virtual_router_id 51; virtual_ipaddress 10.0.0.1; }
                vrrp_instance VI_1 { interface eth0; virtual_router_id 52; virtual_ipaddress 10.0.0.2; }
                """));
        assertEquals("duplicate vrrp_instance \"VI_1\"", e.reason());
        assertEquals(2, e.position().line());
    }

    @Test
    void equalBlocksGiveEqualRecordsSoAReloadKeepsTheirState() {
        assertEquals(load(MINIMAL + " priority 150;"), load(MINIMAL + "\n\n priority 150;"));
    }
}
