package dev.ferry.conf.registry;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every directive every module owns, and the generic checks nginx's {@code ngx_conf_handler}
 * makes before a module sees a directive: unknown name, wrong context, block or not, argument
 * count — in that order and with nginx's exact wording.
 */
public final class DirectiveRegistry {

    private final Map<String, List<DirectiveSpec>> byName;
    private final List<ConfigModule> modules;

    private DirectiveRegistry(List<ConfigModule> modules) {
        this.modules = List.copyOf(modules);
        Map<String, List<DirectiveSpec>> map = new LinkedHashMap<>();
        for (ConfigModule module : modules) {
            for (DirectiveSpec spec : module.directives()) {
                List<DirectiveSpec> same = map.computeIfAbsent(spec.name(), n -> new ArrayList<>());
                for (DirectiveSpec other : same) {
                    if (other.contexts().stream().anyMatch(spec::allowedIn)) {
                        throw new IllegalStateException("directive \"" + spec.name() + "\" declared twice for one context");
                    }
                }
                same.add(spec);
            }
        }
        map.replaceAll((name, specs) -> List.copyOf(specs));
        this.byName = Map.copyOf(map);
    }

    public static DirectiveRegistry of(List<? extends ConfigModule> modules) {
        return new DirectiveRegistry(List.copyOf(modules));
    }

    public List<ConfigModule> modules() {
        return modules;
    }

    /** The spec that governs {@code name} in {@code context}, if any. */
    public DirectiveSpec find(String name, Context context) {
        for (DirectiveSpec spec : byName.getOrDefault(name, List.of())) {
            if (spec.allowedIn(context)) {
                return spec;
            }
        }
        return null;
    }

    /** A fresh checker for one parse; it remembers the inert directives it met. */
    public Checker checker() {
        return new Checker();
    }

    /** The {@link dev.ferry.conf.DirectiveHandler} for one parse. */
    public final class Checker implements dev.ferry.conf.DirectiveHandler {

        private final Map<String, Directive> inertSeen = new LinkedHashMap<>();

        private Checker() {
        }

        @Override
        public Context accept(Directive head, Context context) {
            if (context.raw()) {
                // ngx_conf_parse with a custom handler (map, types, ...) refuses nested blocks.
                if (head.isBlock()) {
                    throw new ConfigException("unexpected \"{\"", head.position());
                }
                return null;
            }
            List<DirectiveSpec> specs = byName.get(head.name());
            if (specs == null) {
                throw new ConfigException("unknown directive \"" + head.name() + "\"", head.position());
            }
            DirectiveSpec spec = null;
            for (DirectiveSpec candidate : specs) {
                if (candidate.allowedIn(context)) {
                    spec = candidate;
                    break;
                }
            }
            if (spec == null) {
                throw head.error("is not allowed here");
            }
            if (!spec.isBlock() && head.isBlock()) {
                throw new ConfigException("directive \"" + head.name() + "\" is not terminated by \";\"", head.position());
            }
            if (spec.isBlock() && !head.isBlock()) {
                throw new ConfigException("directive \"" + head.name() + "\" has no opening \"{\"", head.position());
            }
            if (!spec.arity().accepts(head.args().size())) {
                throw new ConfigException("invalid number of arguments in \"" + head.name() + "\" directive", head.position());
            }
            if (spec.check() != null) {
                spec.check().accept(head);
            }
            if (spec.effect() == DirectiveSpec.Effect.INERT) {
                inertSeen.putIfAbsent(head.name(), head);
            }
            return spec.blockContext();
        }

        /** The first use of each accepted-but-inert directive, in reading order. */
        public List<Directive> inertDirectives() {
            return List.copyOf(inertSeen.values());
        }
    }
}
