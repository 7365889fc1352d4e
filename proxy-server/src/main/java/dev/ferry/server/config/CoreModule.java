package dev.ferry.server.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import dev.ferry.conf.value.Slots;
import java.util.List;

/**
 * Main-context and {@code events} directives (nginx's core and event modules). Process
 * management directives that only make sense for nginx's fork model are accepted, inert.
 */
public final class CoreModule implements ConfigModule {

    @Override
    public String name() {
        return "core_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.block("events", Arity.NONE, Context.EVENTS, Context.MAIN),
                DirectiveSpec.simple("pid", Arity.ONE, Context.MAIN),
                DirectiveSpec.simple("worker_processes", Arity.ONE, Context.MAIN).checkedBy(MainBinder::workerProcesses),
                DirectiveSpec.simple("error_log", Arity.ONE_OR_MORE, Context.MAIN, Context.HTTP, Context.SERVER, Context.LOCATION)
                        .checkedBy(MainBinder::checkErrorLog),
                DirectiveSpec.simple("worker_shutdown_timeout", Arity.ONE, Context.MAIN).checkedBy(Slots::msec),
                DirectiveSpec.simple("daemon", Arity.FLAG, Context.MAIN).inert(),
                DirectiveSpec.simple("master_process", Arity.FLAG, Context.MAIN).inert(),
                DirectiveSpec.simple("user", Arity.ONE_OR_TWO, Context.MAIN).inert(),
                DirectiveSpec.simple("worker_rlimit_nofile", Arity.ONE, Context.MAIN).inert(),
                DirectiveSpec.simple("worker_cpu_affinity", Arity.ONE_OR_MORE, Context.MAIN).inert(),
                DirectiveSpec.simple("worker_priority", Arity.ONE, Context.MAIN).inert(),
                DirectiveSpec.simple("timer_resolution", Arity.ONE, Context.MAIN).inert(),
                DirectiveSpec.simple("pcre_jit", Arity.FLAG, Context.MAIN).inert(),
                DirectiveSpec.simple("lock_file", Arity.ONE, Context.MAIN).inert(),
                DirectiveSpec.simple("worker_connections", Arity.ONE, Context.EVENTS).inert(),
                DirectiveSpec.simple("use", Arity.ONE, Context.EVENTS).inert(),
                DirectiveSpec.simple("multi_accept", Arity.FLAG, Context.EVENTS).inert(),
                DirectiveSpec.simple("accept_mutex", Arity.FLAG, Context.EVENTS).inert(),
                DirectiveSpec.simple("accept_mutex_delay", Arity.ONE, Context.EVENTS).inert());
    }
}
