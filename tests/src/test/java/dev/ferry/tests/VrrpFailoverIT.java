package dev.ferry.tests;

import static dev.ferry.tests.VrrpLab.VIP;
import static dev.ferry.tests.VrrpLab.VIP2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.VrrpLab.FerryNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Ferry hosts sharing VIPs in network namespaces (issue 7 "Done when" 2 and 3): a crash
 * moves the VIP within about 3.6 s, a clean stop within about Skew_Time, the seed's dual-master
 * pair leaves the survivor holding both VIPs, and track_upstream moves the VIP when every
 * backend of the master is gone. Skipped unless root.
 */
class VrrpFailoverIT {

    @TempDir
    Path dir;

    VrrpLab lab;

    @BeforeEach
    void topology() throws Exception {
        VrrpLab.assumeRootWithNetns();
        lab = new VrrpLab(dir);
    }

    @AfterEach
    void teardown() {
        if (lab != null) {
            lab.close();
        }
    }

    static String instance(String name, int vrid, String state, int priority, String vip, String extra) {
        return "vrrp_instance " + name + " {\n    state " + state + ";\n    interface eth0;\n    virtual_router_id "
                + vrid + ";\n    priority " + priority + ";\n    advert_int 1s;\n    virtual_ipaddress " + vip
                + "/24;\n" + extra + "}\n";
    }

    static String config(String answer, String instances, String http) {
        return "error_log logs/error.log info;\nevents {}\n" + instances + "http {\n" + http
                + "    server {\n        listen 8080;\n        return 200 " + answer + ";\n    }\n}\n";
    }

    @Test
    void theBackupTakesOverAfterAKillAndAfterACleanStopAndTheMasterPreemptsOnReturn() throws Exception {
        String a = config("host-1", instance("VI_1", 51, "MASTER", 150, VIP, ""), "");
        String b = config("host-2", instance("VI_1", 51, "BACKUP", 100, VIP, ""), "");
        FerryNode one = lab.startFerry(1, "one", a);
        FerryNode two = lab.startFerry(2, "two", b);
        VrrpLab.await("host 1 MASTER", Duration.ofSeconds(10), () -> one.state("VI_1").equals("MASTER"));
        assertEquals("BACKUP", two.state("VI_1"));
        assertTrue(lab.hasAddress(1, VIP), lab.addresses(1));
        assertFalse(lab.hasAddress(2, VIP), lab.addresses(2));
        assertEquals("host-1", lab.httpFrom(3, VIP, 8080));

        // A crash: no resignation, the VIP stays behind on host 1 (SPEC-vrrp.md §3).
        long killed = System.nanoTime();
        one.kill9();
        double crash = VrrpLab.secondsUntil("host 2 MASTER after kill -9", killed, Duration.ofSeconds(6),
                () -> two.state("VI_1").equals("MASTER"));
        VrrpLab.record("Ferry(150) -> Ferry(100), v2 advert_int 1s, kill -9", crash);
        assertTrue(crash < 4.5, "takeover took " + crash + " s");
        assertTrue(lab.hasAddress(2, VIP), lab.addresses(2));
        // The gratuitous ARPs moved the client's neighbour entry although host 1 still holds the VIP.
        VrrpLab.await("the client reaching host 2 through the VIP", Duration.ofSeconds(5),
                () -> lab.httpFrom(3, VIP, 8080).equals("host-2"));
        assertTrue(lab.hasAddress(1, VIP), "kill -9 leaves the VIP on host 1: " + lab.addresses(1));

        // Host 1 returns: it removes its stale VIP at once, then preempts after Master_Down_Interval.
        FerryNode back = lab.startFerry(1, "one-again", a);
        VrrpLab.await("host 1 to remove its stale VIP", Duration.ofSeconds(3), () -> !lab.hasAddress(1, VIP));
        VrrpLab.await("host 1 to preempt", Duration.ofSeconds(8), () -> back.state("VI_1").equals("MASTER"));
        VrrpLab.await("host 2 to release the VIP", Duration.ofSeconds(3),
                () -> two.state("VI_1").equals("BACKUP") && !lab.hasAddress(2, VIP));

        // A clean stop resigns with priority 0: the backup waits only Skew_Time (0.61 s for 100).
        long stopped = System.nanoTime();
        back.stop();
        double clean = VrrpLab.secondsUntil("host 2 MASTER after SIGTERM", stopped, Duration.ofSeconds(4),
                () -> two.state("VI_1").equals("MASTER"));
        VrrpLab.record("Ferry(150) -> Ferry(100), v2 advert_int 1s, SIGTERM (priority 0)", clean);
        assertTrue(clean < 1.5, "takeover took " + clean + " s");
        assertFalse(lab.hasAddress(1, VIP), "a clean stop removes the VIP: " + lab.addresses(1));
        assertTrue(back.errorLog().contains("MASTER -> INITIALIZE: shutdown"), back.errorLog());
        two.stop();
        assertFalse(lab.hasAddress(2, VIP), lab.addresses(2));
    }

    @Test
    void v3WithHundredMillisecondAdvertsFailsOverInAFractionOfASecond() throws Exception {
        String v3 = "    version 3;\n";
        String a = config("host-1", instance("VI_1", 51, "BACKUP", 150, VIP, v3).replace("1s;", "100ms;"), "");
        String b = config("host-2", instance("VI_1", 51, "BACKUP", 100, VIP, v3).replace("1s;", "100ms;"), "");
        FerryNode one = lab.startFerry(1, "one", a);
        FerryNode two = lab.startFerry(2, "two", b);
        VrrpLab.await("host 1 MASTER, host 2 BACKUP", Duration.ofSeconds(10),
                () -> one.state("VI_1").equals("MASTER") && two.state("VI_1").equals("BACKUP"));
        long killed = System.nanoTime();
        one.kill9();
        double crash = VrrpLab.secondsUntil("host 2 MASTER after kill -9", killed, Duration.ofSeconds(3),
                () -> two.state("VI_1").equals("MASTER"));
        VrrpLab.record("Ferry(150) -> Ferry(100), v3 advert_int 100ms, kill -9", crash);
        assertTrue(crash < 1.0, "takeover took " + crash + " s");

        FerryNode back = lab.startFerry(1, "one-again", a);
        VrrpLab.await("host 1 to preempt", Duration.ofSeconds(5),
                () -> back.state("VI_1").equals("MASTER") && two.state("VI_1").equals("BACKUP"));
        long stopped = System.nanoTime();
        back.stop();
        double clean = VrrpLab.secondsUntil("host 2 MASTER after SIGTERM", stopped, Duration.ofSeconds(3),
                () -> two.state("VI_1").equals("MASTER"));
        VrrpLab.record("Ferry(150) -> Ferry(100), v3 advert_int 100ms, SIGTERM (priority 0)", clean);
        assertTrue(clean < 0.5, "takeover took " + clean + " s");
        two.stop();
    }

    @Test
    void theSeedsPairKeepsBothVipsOnTheSurvivorAndGivesThemBack() throws Exception {
        String a = config("host-1", instance("VI_A", 51, "MASTER", 150, VIP, "")
                + instance("VI_B", 52, "BACKUP", 100, VIP2, ""), "");
        String b = config("host-2", instance("VI_A", 51, "BACKUP", 100, VIP, "")
                + instance("VI_B", 52, "MASTER", 150, VIP2, ""), "");
        FerryNode one = lab.startFerry(1, "one", a);
        FerryNode two = lab.startFerry(2, "two", b);
        // Host 1 starts first, so its VI_B timer may fire first: it is master of VI_B until host 2's
        // higher-priority adverts arrive. Wait for the settled picture.
        VrrpLab.await("each host master of its VIP", Duration.ofSeconds(12),
                () -> one.state("VI_A").equals("MASTER") && two.state("VI_B").equals("MASTER")
                        && one.state("VI_B").equals("BACKUP") && two.state("VI_A").equals("BACKUP"));
        assertEquals("host-1", lab.httpFrom(3, VIP, 8080));
        assertEquals("host-2", lab.httpFrom(3, VIP2, 8080));

        long killed = System.nanoTime();
        two.kill9();
        double crash = VrrpLab.secondsUntil("host 1 holding both VIPs", killed, Duration.ofSeconds(6),
                () -> one.state("VI_B").equals("MASTER"));
        VrrpLab.record("dual-master pair: Ferry(150) -> Ferry(100) for VI_B, kill -9", crash);
        assertTrue(lab.hasAddress(1, VIP) && lab.hasAddress(1, VIP2), lab.addresses(1));
        VrrpLab.await("the client reaching host 1 through both VIPs", Duration.ofSeconds(5),
                () -> lab.httpFrom(3, VIP2, 8080).equals("host-1"));

        FerryNode back = lab.startFerry(2, "two-again", b);
        VrrpLab.await("host 2 to take VI_B back", Duration.ofSeconds(8),
                () -> back.state("VI_B").equals("MASTER") && one.state("VI_B").equals("BACKUP"));
        assertEquals("MASTER", one.state("VI_A"));
        assertEquals("BACKUP", back.state("VI_A"));
        VrrpLab.await("VIP2 only on host 2", Duration.ofSeconds(3),
                () -> !lab.hasAddress(1, VIP2) && lab.hasAddress(2, VIP2) && lab.hasAddress(1, VIP));
        one.stop();
        back.stop();
    }

    @Test
    void trackUpstreamMovesTheVipWhenEveryBackendOfTheMasterIsGone() throws Exception {
        // The backend is a third Ferry in the client namespace; only host 1 tracks it.
        FerryNode backend = lab.startFerry(3, "backend", "error_log logs/error.log info;\nevents {}\nhttp {\n"
                + "    server { listen 9000; return 200 backend; }\n}\n");
        String upstream = "    upstream app { server 10.99.0.3:9000; }\n";
        String a = config("host-1", instance("VI_1", 51, "BACKUP", 150, VIP, "    track_upstream app weight=-60;\n"),
                upstream);
        String b = config("host-2", instance("VI_1", 51, "BACKUP", 100, VIP, ""), "");
        FerryNode one = lab.startFerry(1, "one", a);
        FerryNode two = lab.startFerry(2, "two", b);
        VrrpLab.await("host 1 MASTER", Duration.ofSeconds(10), () -> one.state("VI_1").equals("MASTER"));

        long stopped = System.nanoTime();
        backend.stop();
        double moved = VrrpLab.secondsUntil("host 2 MASTER after the backend stopped", stopped, Duration.ofSeconds(10),
                () -> two.state("VI_1").equals("MASTER"));
        VrrpLab.record("track_upstream weight=-60: backend stopped -> VIP on peer", moved);
        VrrpLab.await("host 1 BACKUP with priority 90", Duration.ofSeconds(3),
                () -> one.state("VI_1").equals("BACKUP"));
        assertTrue(one.errorLog().contains("effective priority 150 -> 90"), one.errorLog());
        VrrpLab.await("the VIP on host 2 only", Duration.ofSeconds(3),
                () -> lab.hasAddress(2, VIP) && !lab.hasAddress(1, VIP));
        one.stop();
        two.stop();
    }

    @Test
    void aReloadKeepsUnchangedInstancesRestartsChangedOnesAndStopsRemovedOnes() throws Exception {
        Path notified = dir.resolve("notify.txt");
        String owner = instance("VI_1", 51, "MASTER", 255, VIP,
                "    notify /bin/sh -c \"echo \\\"$*\\\" >> " + notified + "\" notify;\n");
        String other = instance("VI_2", 52, "MASTER", 255, VIP2, "");
        FerryNode one = lab.startFerry(1, "one", config("host-1", owner + other, ""));
        VrrpLab.await("both owners MASTER", Duration.ofSeconds(5),
                () -> one.state("VI_1").equals("MASTER") && one.state("VI_2").equals("MASTER"));
        Path conf = one.prefix.resolve("conf/test.conf");

        java.nio.file.Files.writeString(conf, config("host-1b", owner + other, ""));
        hup(one);
        VrrpLab.await("the reloaded http answer", Duration.ofSeconds(10), () -> lab.httpFrom(3, VIP, 8080).equals("host-1b"));
        assertEquals(1, count(one.errorLog(), "VI_1\": INITIALIZE -> MASTER"), "an unchanged instance keeps its state");

        java.nio.file.Files.writeString(conf, config("host-1c", owner.replace("priority 255", "priority 254")
                .replace("state MASTER", "state BACKUP"), ""));
        hup(one);
        VrrpLab.await("VI_1 restarted as BACKUP and VI_2 stopped", Duration.ofSeconds(10),
                () -> one.state("VI_1").equals("BACKUP") && one.state("VI_2").isEmpty());
        assertTrue(one.errorLog().contains("vrrp_instance \"VI_1\": MASTER -> INITIALIZE: shutdown"), one.errorLog());
        // keepalived's notify arguments: INSTANCE NAME STATE PRIORITY, after each change of state.
        VrrpLab.await("the notify script's lines", Duration.ofSeconds(5), () -> lines(notified).size() >= 3);
        // Scripts run asynchronously, so STOP and BACKUP, started a moment apart, may append in either order.
        assertEquals("INSTANCE VI_1 MASTER 255", lines(notified).getFirst());
        assertTrue(lines(notified).containsAll(List.of("INSTANCE VI_1 STOP 255", "INSTANCE VI_1 BACKUP 254")),
                lines(notified).toString());
        VrrpLab.await("the removed and the restarted instance's VIPs gone", Duration.ofSeconds(3),
                () -> !lab.hasAddress(1, VIP2) && !lab.hasAddress(1, VIP));
        VrrpLab.await("VI_1 MASTER again, alone on the LAN", Duration.ofSeconds(6), () -> one.state("VI_1").equals("MASTER"));
        one.stop();
    }

    private static List<String> lines(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static void hup(FerryNode node) throws Exception {
        VrrpLab.sh("kill", "-HUP", Long.toString(node.process.pid()));
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
