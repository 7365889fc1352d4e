package dev.ferry.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Ferry server started with {@code bin/ferry -p PREFIX -c CONF} in its own prefix
 * directory; ready once its pid file exists, which Ferry writes only after binding.
 */
final class RunningFerry implements AutoCloseable {

    final Path prefix;
    final Path config;
    final Path pidFile;
    final Path stderr;
    final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RunningFerry(Path prefix, Path config, Process process, Path stderr) {
        this.prefix = prefix;
        this.config = config;
        this.pidFile = prefix.resolve("logs/ferry.pid");
        this.process = process;
        this.stderr = stderr;
    }

    /** Writes {@code configText} to PREFIX/conf/test.conf and starts Ferry on it; waits for the pid file. */
    static RunningFerry start(Path prefix, String configText) throws IOException, InterruptedException {
        return start(prefix, configText, null);
    }

    /** @param ferryOpts JVM options replacing the test default (paranoid leak detection), or null */
    static RunningFerry start(Path prefix, String configText, String ferryOpts) throws IOException, InterruptedException {
        return start(prefix, configText, ferryOpts, List.of());
    }

    /** Started through {@code wrapper} (e.g. {@code nohup}), which execs bin/ferry: the pid stays Ferry's. */
    static RunningFerry startUnder(List<String> wrapper, Path prefix, String configText) throws IOException, InterruptedException {
        return start(prefix, configText, null, wrapper);
    }

    private static RunningFerry start(Path prefix, String configText, String ferryOpts, List<String> wrapper)
            throws IOException, InterruptedException {
        Path config = prefix.resolve("conf/test.conf");
        Files.createDirectories(config.getParent());
        Files.createDirectories(prefix.resolve("logs")); // an installed prefix has it, as nginx's does
        Files.writeString(config, configText);
        Path stderr = prefix.resolve("stderr.txt");
        ProcessBuilder builder = Launcher.command("-p", prefix.toString(), "-c", "conf/test.conf");
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(builder.command());
        builder.command(command);
        if (ferryOpts != null) {
            builder.environment().put("FERRY_OPTS", ferryOpts);
        }
        Process process = builder
                .redirectErrorStream(false)
                .redirectOutput(prefix.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile())
                .start();
        RunningFerry ferry = new RunningFerry(prefix, config, process, stderr);
        Launcher.await("the pid file " + ferry.pidFile, Duration.ofSeconds(60),
                () -> Files.exists(ferry.pidFile) || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("ferry exited with " + process.exitValue() + ": " + ferry.stderrText());
        }
        return ferry;
    }

    String stderrText() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    /** The default error log, PREFIX/logs/error.log. */
    String errorLog() {
        try {
            return Files.readString(prefix.resolve("logs/error.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code bin/ferry -p PREFIX -c CONF -s SIGNAL}. */
    Launcher.Result signal(String name) throws IOException, InterruptedException {
        return Launcher.run("-p", prefix.toString(), "-c", "conf/test.conf", "-s", name);
    }

    /** Stops with {@code -s stop}, waits for the exit, and fails on any buffer leak Netty reported. */
    int stop() throws IOException, InterruptedException {
        if (process.isAlive()) {
            signal("stop");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("ferry did not stop within 30 s after -s stop");
            }
        }
        assertNoLeaks();
        return process.exitValue();
    }

    /** Netty's leak detector (paranoid in the tests) writes "LEAK:" to the error log. */
    void assertNoLeaks() {
        String logs = stderrText() + errorLog();
        if (logs.contains("LEAK:")) {
            throw new AssertionError("Netty reported a buffer leak:\n" + logs);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Ferry's fast stop
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
