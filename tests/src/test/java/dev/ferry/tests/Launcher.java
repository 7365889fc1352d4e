package dev.ferry.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs the packaged {@code bin/ferry} as a real process, as a user would. */
final class Launcher {

    static final Path HOME = Path.of(System.getProperty("ferry.home", "..")).toAbsolutePath().normalize();
    static final Path FERRY = HOME.resolve("bin/ferry");

    /** The outcome of a command that ran to its end. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private Launcher() {
    }

    /** Runs {@code bin/ferry ARGS} to completion (at most 60 s). */
    static Result run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ferry-out", ".txt");
        Path err = Files.createTempFile("ferry-err", ".txt");
        try {
            Process process = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ferry " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(FERRY.toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** A free TCP port on 127.0.0.1 at the moment of asking. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
