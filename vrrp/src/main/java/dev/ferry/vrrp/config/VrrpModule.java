package dev.ferry.vrrp.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code vrrp_instance} block and its keywords (SPEC-vrrp.md §4 "Ferry's form"):
 * keepalived's names and defaults in nginx syntax. Each directive's own arguments are checked
 * the moment it is read; rules that join several directives are {@link VrrpBinder}'s.
 * One instance per config load, because it remembers the names it has read.
 */
public final class VrrpModule implements ConfigModule {

    /** Keywords that may appear several times in one block; their values accumulate. */
    private static final Set<String> REPEATABLE = Set.of(
            "virtual_ipaddress", "unicast_peer", "track_interface", "track_upstream");

    private final Set<String> instanceNames = new HashSet<>();
    private final Set<String> seenInBlock = new HashSet<>();

    @Override
    public String name() {
        return "vrrp_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        List<DirectiveSpec> specs = new ArrayList<>();
        specs.add(DirectiveSpec.block("vrrp_instance", Arity.ONE, Context.VRRP_INSTANCE, Context.MAIN)
                .checkedBy(this::checkInstance));
        specs.add(keyword("state", Arity.ONE, VrrpValues::state));
        specs.add(keyword("interface", Arity.ONE, d -> VrrpValues.interfaceName(d, d.arg(0))));
        specs.add(keyword("virtual_router_id", Arity.ONE, d -> VrrpValues.integer(d, d.arg(0), 1, 255)));
        specs.add(keyword("priority", Arity.ONE, d -> VrrpValues.integer(d, d.arg(0), 1, 255)));
        // The version-specific bounds (v2 whole seconds) are the binder's: version may come later.
        specs.add(keyword("advert_int", Arity.ONE,
                d -> VrrpValues.time(d, d.arg(0), Duration.ofMillis(10), Duration.ofSeconds(255))));
        specs.add(keyword("version", Arity.ONE, d -> VrrpValues.integer(d, d.arg(0), 2, 3)));
        specs.add(keyword("auth_pass", Arity.ONE, d -> {
            if (d.arg(0).isEmpty()) {
                throw VrrpValues.invalid(d, "", null);
            }
        }));
        specs.add(keyword("virtual_ipaddress", Arity.ONE_OR_MORE,
                d -> d.args().forEach(a -> VrrpValues.virtualAddress(d, a))));
        specs.add(keyword("nopreempt", Arity.NONE, d -> { }));
        specs.add(keyword("preempt_delay", Arity.ONE,
                d -> VrrpValues.time(d, d.arg(0), Duration.ZERO, Duration.ofSeconds(1000))));
        specs.add(keyword("unicast_src_ip", Arity.ONE, d -> VrrpValues.ipv4(d, d.arg(0))));
        specs.add(keyword("unicast_peer", Arity.ONE_OR_MORE, d -> d.args().forEach(a -> VrrpValues.ipv4(d, a))));
        specs.add(keyword("track_interface", Arity.ONE_OR_TWO, d -> {
            VrrpValues.interfaceName(d, d.arg(0));
            VrrpValues.weight(d);
        }));
        specs.add(keyword("track_upstream", Arity.ONE_OR_TWO, VrrpValues::weight));
        for (String notify : List.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify")) {
            specs.add(keyword(notify, Arity.ONE_OR_MORE, VrrpValues::command));
        }
        specs.add(keyword("garp_master_delay", Arity.ONE,
                d -> VrrpValues.time(d, d.arg(0), Duration.ZERO, Duration.ofSeconds(1000))));
        specs.add(keyword("garp_master_repeat", Arity.ONE, d -> VrrpValues.integer(d, d.arg(0), 1, 255)));
        specs.add(keyword("garp_master_refresh", Arity.ONE,
                d -> VrrpValues.time(d, d.arg(0), Duration.ZERO, Duration.ofSeconds(86400))));
        return List.copyOf(specs);
    }

    /** A keyword inside the block: single-valued ones are "is duplicate" the second time, as in nginx. */
    private DirectiveSpec keyword(String name, Arity arity, Consumer<Directive> valueCheck) {
        return DirectiveSpec.simple(name, arity, Context.VRRP_INSTANCE).checkedBy(d -> {
            if (!seenInBlock.add(d.name()) && !REPEATABLE.contains(d.name())) {
                throw d.error("is duplicate");
            }
            valueCheck.accept(d);
        });
    }

    private void checkInstance(Directive instance) {
        if (!instanceNames.add(instance.arg(0))) {
            throw instance.errorText("duplicate vrrp_instance \"" + instance.arg(0) + "\"");
        }
        // Blocks do not nest, so the keywords that follow until the next head are this block's.
        seenInBlock.clear();
    }
}
