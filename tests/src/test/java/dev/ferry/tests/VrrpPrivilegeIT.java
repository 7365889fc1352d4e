package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without CAP_NET_RAW a vrrp_instance cannot run: Ferry says which call failed and why, and exits 1. */
class VrrpPrivilegeIT {

    @TempDir
    Path prefix;

    @Test
    void aNonRootStartNamesTheFailingCallAndItsErrno() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to become nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Files.createDirectories(prefix.resolve("conf"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("conf/test.conf"), "events {}\nvrrp_instance VI_1 {\n    interface lo;\n"
                + "    virtual_router_id 51;\n    virtual_ipaddress 10.99.0.100/24;\n}\n"
                + "http {\n    server {\n        listen 127.0.0.1:" + Launcher.freePort() + ";\n        return 204;\n    }\n}\n");
        for (Path p : new Path[] {prefix, prefix.resolve("conf"), prefix.resolve("logs"), prefix.getParent()}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        VrrpLab.Result r = VrrpLab.run(Duration.ofSeconds(60), "setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", Launcher.FERRY.toString(), "-p", prefix.toString(), "-c", "conf/test.conf");
        assertEquals(1, r.exitCode(), r.output());
        assertEquals("ferry: [emerg] vrrp: socket(AF_PACKET, SOCK_RAW, ETH_P_ARP) failed (1: Operation not permitted)",
                r.output().strip());
        assertEquals(false, Files.exists(prefix.resolve("logs/ferry.pid")), "no pid file: the start failed");
    }
}
