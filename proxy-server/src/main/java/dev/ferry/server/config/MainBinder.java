package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Slots;
import java.nio.file.Path;
import java.util.List;

/** Binds main-context directives: {@code pid}, {@code worker_processes}, {@code error_log}. */
final class MainBinder {

    static final String DEFAULT_PID = "logs/ferry.pid";
    static final String DEFAULT_ERROR_LOG = "logs/error.log";

    private final Path prefix;

    MainBinder(Path prefix) {
        this.prefix = prefix;
    }

    MainConfig bind(List<Directive> main) {
        Directive pid = Directives.single(main, "pid");
        Path pidFile = prefix.resolve(pid == null ? DEFAULT_PID : pid.arg(0)).normalize();

        Directive wp = Directives.single(main, "worker_processes");
        int workers = wp == null ? 1 : workerProcesses(wp);

        ErrorLogConfig errorLog = new ErrorLogConfig(prefix.resolve(DEFAULT_ERROR_LOG).normalize(), "error");
        boolean first = true;
        for (Directive d : Directives.all(main, "error_log")) {
            ErrorLogConfig parsed = parseErrorLog(d);
            if (first) {
                // Several main-level error_log lines log to several places in nginx; Ferry uses the first.
                errorLog = parsed;
                first = false;
            }
        }
        Directive shutdown = Directives.single(main, "worker_shutdown_timeout");
        return new MainConfig(pidFile, workers, errorLog, shutdown == null ? null : Slots.msec(shutdown));
    }

    /** {@code worker_processes N|auto}: N, or 0 for auto. */
    static int workerProcesses(Directive d) {
        if (d.arg(0).equals("auto")) {
            return 0;
        }
        int workers = ListenParser.parseInt(d.arg(0));
        if (workers < 0) {
            throw d.error("invalid value");
        }
        return workers;
    }

    /** {@code error_log FILE|stderr [LEVEL]}. */
    ErrorLogConfig parseErrorLog(Directive d) {
        String level = checkErrorLog(d);
        String target = d.arg(0);
        Path file = target.equals("stderr") ? null : prefix.resolve(target).normalize();
        return new ErrorLogConfig(file, level);
    }

    /** Validates an error_log at any level and returns its level name. */
    static String checkErrorLog(Directive d) {
        String target = d.arg(0);
        if (target.startsWith("syslog:") || target.startsWith("memory:")) {
            throw d.errorText("\"" + target.substring(0, target.indexOf(':') + 1) + "\" error logs are not supported yet");
        }
        String level = "error";
        if (d.args().size() > 2) {
            throw d.errorText("invalid log level \"" + d.arg(2) + "\"");
        }
        if (d.args().size() == 2) {
            level = d.arg(1);
            if (!ErrorLogConfig.LEVELS.contains(level)) {
                throw d.errorText("invalid log level \"" + level + "\"");
            }
        }
        return level;
    }
}
