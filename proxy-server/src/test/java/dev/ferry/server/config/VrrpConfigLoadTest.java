package dev.ferry.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.conf.ConfigException;
import dev.ferry.vrrp.config.VrrpInstanceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vrrp_instance as part of a whole Ferry config: where it may stand, and track_upstream against the http block. */
class VrrpConfigLoadTest {

    @TempDir
    Path dir;

    private FerryConfig load(String text) throws IOException {
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, text);
        return new ConfigLoader(dir, ConfigLoaderTest.RESOLVER, 8000).load(file, null);
    }

    private static final String INSTANCE = "vrrp_instance VI_1 {\n    interface eth0;\n    virtual_router_id 51;\n"
            + "    virtual_ipaddress 10.0.0.100/24;\n    track_upstream App weight=-50;\n}\n";

    @Test
    void trackUpstreamProbesTheLiveServersOfTheNamedGroup() throws IOException {
        FerryConfig config = load("events {}\n" + INSTANCE + "http {\n    upstream app {\n"
                + "        server backend.test:8080;\n        server 127.0.0.9:8080 down;\n    }\n}\n");
        VrrpInstanceConfig vrrp = config.vrrp().getFirst();
        assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 8080),
                new InetSocketAddress(InetAddress.ofLiteral("127.0.0.3"), 8080)), vrrp.trackUpstreams().getFirst().peers(),
                "names match case-insensitively, every address of a host is a peer, down servers are not probed");
    }

    @Test
    void trackUpstreamOfAGroupThatDoesNotExistIsAnError() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load("events {}\n" + INSTANCE));
        assertEquals("no upstream \"App\" for \"track_upstream\" directive in " + dir.resolve("nginx.conf") + ":6",
                e.getMessage());
    }

    @Test
    void vrrpInstanceStandsAtTopLevelOnly() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load("events {}\nhttp {\n" + INSTANCE + "}\n"));
        assertEquals("\"vrrp_instance\" directive is not allowed here in " + dir.resolve("nginx.conf") + ":3",
                e.getMessage());
    }

    @Test
    void keepalivedsWarningsReachTheConfigsWarnings() throws IOException {
        FerryConfig config = load("events {}\nvrrp_instance VI_1 {\n    state MASTER;\n    interface eth0;\n"
                + "    virtual_router_id 51;\n    virtual_ipaddress 10.0.0.100;\n    nopreempt;\n}\n");
        assertEquals(255, config.vrrp().getFirst().priority());
        assertTrue(config.warnings().stream().anyMatch(w -> w.level().equals("warn")
                && w.text().equals("\"nopreempt\" is ignored with state MASTER, as in keepalived in "
                        + dir.resolve("nginx.conf") + ":7")), config.warnings().toString());
    }

    @Test
    void aConfigWithoutVrrpHasNoInstances() throws IOException {
        assertEquals(List.of(), load("events {}\n").vrrp());
    }
}
