package dev.ferry.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Main-context settings.
 *
 * @param pidFile          {@code pid}, absolute; default {@code logs/ferry.pid} under the prefix
 * @param workerProcesses  {@code worker_processes}: event-loop threads; 0 means {@code auto}
 * @param errorLog         the main {@code error_log}
 * @param shutdownTimeout  {@code worker_shutdown_timeout}: how long a graceful stop waits, or {@code null}
 */
public record MainConfig(Path pidFile, int workerProcesses, ErrorLogConfig errorLog, Duration shutdownTimeout) {

    public MainConfig {
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(errorLog, "errorLog");
        if (workerProcesses < 0) {
            throw new IllegalArgumentException("workerProcesses < 0");
        }
    }
}
