package dev.ferry.server.config;

import java.nio.file.Path;

/**
 * The main-level {@code error_log FILE|stderr [LEVEL]}.
 *
 * @param file  the log file, or {@code null} for stderr
 * @param level nginx's level name: debug, info, notice, warn, error, crit, alert, emerg
 */
public record ErrorLogConfig(Path file, String level) {

    public static final java.util.List<String> LEVELS =
            java.util.List.of("debug", "info", "notice", "warn", "error", "crit", "alert", "emerg");

    public ErrorLogConfig {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown level " + level);
        }
    }

    public boolean toStderr() {
        return file == null;
    }
}
