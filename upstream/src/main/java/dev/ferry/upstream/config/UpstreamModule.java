package dev.ferry.upstream.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The directives of nginx's ngx_http_upstream_module and of the balancer, keepalive and zone
 * modules that plug into it; one instance per config load.
 *
 * <p>The checks run as each directive is read. An {@code upstream} block cannot nest and its
 * children can stand nowhere else, so every child read belongs to the block whose head was
 * read last: the module keeps that block's state, and checks each {@code server} line against
 * the balancing method in force at that line, in line order, as nginx does.
 */
public final class UpstreamModule implements ConfigModule {

    private final UpstreamBinder binder;
    /** Names read so far in this load: a second block of a name is refused when its head is read. */
    private final Set<String> names = new HashSet<>();
    /** The block being read. */
    private UpstreamBlock current;

    /** @param resolver resolves server host names when a {@code server} line is read */
    public UpstreamModule(HostResolver resolver) {
        this.binder = new UpstreamBinder(resolver);
        this.current = binder.newBlock();
    }

    @Override
    public String name() {
        return "http_upstream_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.block("upstream", Arity.ONE, Context.UPSTREAM, Context.HTTP).checkedBy(this::upstream),
                child("server", Arity.ONE_OR_MORE),
                child("least_conn", Arity.NONE),
                child("ip_hash", Arity.NONE),
                child("hash", Arity.ONE_OR_TWO),
                child("random", Arity.exactly(0, 1, 2)),
                child("keepalive", Arity.ONE_OR_TWO),
                child("keepalive_timeout", Arity.ONE),
                child("keepalive_time", Arity.ONE),
                child("keepalive_requests", Arity.ONE),
                // Ferry's balancer state is always one copy shared by every event loop.
                child("zone", Arity.ONE_OR_TWO).inert());
    }

    private DirectiveSpec child(String name, Arity arity) {
        return DirectiveSpec.simple(name, arity, Context.UPSTREAM).checkedBy(d -> current.read(d));
    }

    /** nginx's ngx_http_upstream_add refuses a second block of the same name (case-insensitively). */
    private void upstream(Directive upstream) {
        if (!names.add(UpstreamConfig.key(upstream.arg(0)))) {
            throw upstream.errorText("duplicate upstream \"" + upstream.arg(0) + "\"");
        }
        current = binder.newBlock();
    }
}
