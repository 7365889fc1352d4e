package dev.ferry.vrrp.io;

import dev.ferry.vrrp.config.NotifyScripts;
import dev.ferry.vrrp.state.Action.Hook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs keepalived's notify scripts without a shell and without waiting for them: the state's
 * own script, then {@code notify} with {@code INSTANCE NAME STATE PRIORITY} appended.
 */
final class NotifyRunner {

    private static final Logger log = LoggerFactory.getLogger("ferry.vrrp");

    private NotifyRunner() {
    }

    static void run(String instance, NotifyScripts scripts, Hook hook, int priority) {
        List<String> own = switch (hook) {
            case MASTER -> scripts.master();
            case BACKUP -> scripts.backup();
            case FAULT -> scripts.fault();
            case STOP -> scripts.stop();
        };
        if (!own.isEmpty()) {
            start(instance, own);
        }
        if (!scripts.any().isEmpty()) {
            List<String> any = new ArrayList<>(scripts.any());
            any.addAll(List.of("INSTANCE", instance, hook.name(), Integer.toString(priority)));
            start(instance, any);
        }
    }

    private static void start(String instance, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.onExit().thenAccept(done -> {
                if (done.exitValue() != 0) {
                    log.warn("vrrp_instance \"{}\": notify script {} exited with {}", instance, command, done.exitValue());
                }
            });
        } catch (IOException e) {
            log.error("vrrp_instance \"{}\": notify script {} could not be started ({})", instance, command,
                    e.getMessage());
        }
    }
}
