package dev.ferry.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Topology B of SPEC-vrrp.md §5.2, made by the test and always deleted: a "switch" namespace
 * with a bridge, and hosts 1..3 each with {@code eth0} = 10.99.0.N/24 on it (host 3 is the
 * client). Ferry and keepalived run inside host namespaces as real processes; every process
 * started here is stopped by pid and every namespace deleted in {@link #close()}.
 */
final class VrrpLab implements AutoCloseable {

    static final String VIP = "10.99.0.100";
    static final String VIP2 = "10.99.0.101";
    static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    static final Path RESULTS = Path.of("target", "vrrp-failover-times.txt");

    final String id = "fy" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** Skips the test unless it runs as root with iproute2, as CI does. */
    static void assumeRootWithNetns() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "VRRP tests need root");
        assumeTrue(run(Duration.ofSeconds(10), "ip", "netns", "list").exitCode() == 0, "VRRP tests need ip netns");
    }

    static void assumeKeepalived() {
        assumeTrue(Files.isExecutable(KEEPALIVED), "keepalived is not installed (apt-get install keepalived)");
    }

    VrrpLab(Path dir) throws Exception {
        this.dir = dir;
        try {
            String sw = ns("sw");
            add(sw);
            sh("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
            sh("ip", "-n", sw, "link", "set", "br0", "up");
            for (int host = 1; host <= 3; host++) {
                String h = ns(host);
                add(h);
                sh("ip", "link", "add", id + "p" + host, "netns", sw, "type", "veth", "peer", "name", "eth0", "netns", h);
                sh("ip", "-n", sw, "link", "set", id + "p" + host, "master", "br0");
                sh("ip", "-n", sw, "link", "set", id + "p" + host, "up");
                sh("ip", "-n", h, "link", "set", "lo", "up");
                sh("ip", "-n", h, "addr", "add", "10.99.0." + host + "/24", "dev", "eth0");
                sh("ip", "-n", h, "link", "set", "eth0", "up");
            }
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private void add(String namespace) throws Exception {
        sh("ip", "netns", "add", namespace);
        namespaces.add(namespace);
    }

    String ns(String suffix) {
        return id + suffix;
    }

    String ns(int host) {
        return ns("h" + host);
    }

    // ---- commands ----

    record Result(int exitCode, String output) {
    }

    static Result run(Duration timeout, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static String sh(String... cmd) throws IOException, InterruptedException {
        Result r = run(Duration.ofSeconds(20), cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed with " + r.exitCode() + ": " + r.output());
        }
        return r.output();
    }

    /** The IPv4 addresses on eth0 of a host, as {@code 10.99.0.1/24}. */
    String addresses(int host) {
        try {
            return sh("ip", "-n", ns(host), "-4", "-br", "addr", "show", "dev", "eth0");
        } catch (Exception e) {
            return "(" + e.getMessage() + ")";
        }
    }

    boolean hasAddress(int host, String address) {
        return addresses(host).contains(" " + address + "/");
    }

    /** A GET from host {@code from} to {@code VIP:port}; the body, or the error. */
    String httpFrom(int from, String address, int port) {
        try {
            Result r = run(Duration.ofSeconds(10), "ip", "netns", "exec", ns(from), "curl", "-s", "-m", "3",
                    "http://" + address + ":" + port + "/");
            return r.exitCode() == 0 ? r.output().strip() : "(curl exit " + r.exitCode() + ")";
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    // ---- processes ----

    /** A Ferry process inside a host namespace, with its own prefix directory. */
    final class FerryNode {
        final Path prefix;
        final Process process;

        FerryNode(Path prefix, Process process) {
            this.prefix = prefix;
            this.process = process;
        }

        /** The state of an instance from {@code logs/vrrp.status}, or "" when it is not there. */
        String state(String instance) {
            try {
                for (String line : Files.readAllLines(prefix.resolve("logs/vrrp.status"))) {
                    if (line.startsWith(instance + " ")) {
                        return line.split(" ")[1];
                    }
                }
            } catch (IOException e) {
                return "";
            }
            return "";
        }

        String errorLog() {
            try {
                return Files.readString(prefix.resolve("logs/error.log"));
            } catch (IOException e) {
                return "";
            }
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** SIGTERM: Ferry's fast stop, which resigns with priority 0 first. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError("ferry did not stop within 15 s after SIGTERM");
            }
        }
    }

    FerryNode startFerry(int host, String name, String config) throws Exception {
        Path prefix = dir.resolve(name);
        Files.createDirectories(prefix.resolve("conf"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.deleteIfExists(prefix.resolve("logs/ferry.pid"));
        Files.writeString(prefix.resolve("conf/test.conf"), config);
        Process p = new ProcessBuilder("ip", "netns", "exec", ns(host), Launcher.FERRY.toString(),
                "-p", prefix.toString(), "-c", "conf/test.conf")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.txt").toFile()).start();
        processes.add(p);
        FerryNode node = new FerryNode(prefix, p);
        await("ferry " + name + " to write its pid file", Duration.ofSeconds(60),
                () -> Files.exists(prefix.resolve("logs/ferry.pid")) || !p.isAlive());
        if (!p.isAlive()) {
            throw new AssertionError("ferry " + name + " exited with " + p.exitValue() + ": "
                    + Files.readString(prefix.resolve("stdout.txt")));
        }
        return node;
    }

    /** keepalived in a host namespace, reporting its state through a notify script. */
    final class KeepalivedNode {
        final Path home;
        final Process process;

        KeepalivedNode(Path home, Process process) {
            this.home = home;
            this.process = process;
        }

        String state(String instance) {
            try {
                return Files.readString(home.resolve("state-" + instance)).strip();
            } catch (IOException e) {
                return "";
            }
        }

        String log() {
            try {
                return Files.readString(home.resolve("keepalived.log"));
            } catch (IOException e) {
                return "";
            }
        }

        /** A crash: the parent and its VRRP child in one kill, or the parent would respawn the child. */
        void kill9() throws Exception {
            List<String> cmd = new ArrayList<>(List.of("kill", "-9", Long.toString(process.pid())));
            process.children().forEach(c -> cmd.add(Long.toString(c.pid())));
            sh(cmd.toArray(String[]::new));
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** SIGTERM to the parent: keepalived resigns with priority 0. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError("keepalived did not stop within 15 s after SIGTERM");
            }
        }
    }

    /**
     * keepalived 2.2.7 with one instance VI_1 (VRID 51, the VIP), in the foreground with console
     * logs and its own pid files (SPEC-vrrp.md §5.3).
     */
    KeepalivedNode startKeepalived(int host, String name, int version, int priority, String advertInt)
            throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Path notify = home.resolve("notify.sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$3\" > " + home + "/state-\"$2\"\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.deleteIfExists(home.resolve("state-VI_1"));
        Files.writeString(home.resolve("keepalived.conf"), String.format(Locale.ROOT, """
                global_defs {
                    router_id %s
                    script_user root
                    vrrp_version %d
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority %d
                    advert_int %s
                    virtual_ipaddress {
                        %s/24
                    }
                    notify "%s"
                }
                """, name, version, priority, advertInt, VIP, notify));
        Process p = new ProcessBuilder("ip", "netns", "exec", ns(host), KEEPALIVED.toString(), "-n", "-l", "-D", "-P",
                "-f", home.resolve("keepalived.conf").toString(), "-p", home.resolve("main.pid").toString(),
                "-r", home.resolve("vrrp.pid").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("keepalived.log").toFile()).start();
        processes.add(p);
        KeepalivedNode node = new KeepalivedNode(home, p);
        await("keepalived " + name + " to enter its first state", Duration.ofSeconds(20),
                () -> !node.state("VI_1").isEmpty() || !p.isAlive());
        if (!p.isAlive()) {
            throw new AssertionError("keepalived exited: " + node.log());
        }
        return node;
    }

    /** A packet capture on the bridge, written as pcap for tshark. */
    Process capture(Path file) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns("sw"), "tcpdump", "-i", "br0", "-U", "-n", "-w",
                file.toString(), "ip proto 112 or arp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile()).start();
        processes.add(p);
        await("tcpdump to listen", Duration.ofSeconds(10), () -> {
            try {
                return Files.readString(dir.resolve("tcpdump.log")).contains("listening on") || !p.isAlive();
            } catch (IOException e) {
                return false;
            }
        });
        return p;
    }

    // ---- waiting and measuring ----

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Launcher.await(what, timeout, condition);
    }

    /** Seconds from {@code startNanos} until {@code condition} holds (polled every 10 ms), or fails after {@code timeout}. */
    static double secondsUntil(String what, long startNanos, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Prints a measured failover time and keeps it in target/vrrp-failover-times.txt for the closing note. */
    static void record(String scenario, double seconds) {
        String line = String.format(Locale.ROOT, "%-70s %.3f s", scenario, seconds);
        System.out.println("VRRP failover: " + line);
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(cannot write " + RESULTS + ": " + e + ")");
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p.isAlive()) {
                List<ProcessHandle> children = p.children().toList();
                p.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (String namespace : namespaces.reversed()) {
            try {
                run(Duration.ofSeconds(20), "ip", "netns", "del", namespace);
            } catch (Exception e) {
                System.out.println("could not delete namespace " + namespace + ": " + e);
            }
        }
        namespaces.clear();
    }
}
