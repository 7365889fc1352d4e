package dev.ferry.vrrp.config;

import java.util.List;

/**
 * The {@code notify_*} commands, each an argument vector run without a shell. keepalived runs
 * the state's own script first, then {@code notify} with four more arguments:
 * {@code INSTANCE NAME STATE PRIORITY}.
 *
 * @param master {@code notify_master}, empty when not set
 * @param backup {@code notify_backup}
 * @param fault  {@code notify_fault}
 * @param stop   {@code notify_stop}
 * @param any    {@code notify}
 */
public record NotifyScripts(List<String> master, List<String> backup, List<String> fault, List<String> stop,
        List<String> any) {

    public static final NotifyScripts NONE = new NotifyScripts(List.of(), List.of(), List.of(), List.of(), List.of());

    public NotifyScripts {
        master = List.copyOf(master);
        backup = List.copyOf(backup);
        fault = List.copyOf(fault);
        stop = List.copyOf(stop);
        any = List.copyOf(any);
    }
}
