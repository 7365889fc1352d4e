package dev.ferry.server.config;

import dev.ferry.conf.Directive;
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

        int workers = 1;
        Directive wp = Directives.single(main, "worker_processes");
        if (wp != null) {
            if (wp.arg(0).equals("auto")) {
                workers = 0;
            } else {
                workers = ListenParser.parseInt(wp.arg(0));
                if (workers < 0) {
                    throw wp.error("invalid value");
                }
            }
        }

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
        return new MainConfig(pidFile, workers, errorLog);
    }

    /** {@code error_log FILE|stderr [LEVEL]}, also used to validate the lower levels. */
    ErrorLogConfig parseErrorLog(Directive d) {
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
        Path file = target.equals("stderr") ? null : prefix.resolve(target).normalize();
        return new ErrorLogConfig(file, level);
    }
}
