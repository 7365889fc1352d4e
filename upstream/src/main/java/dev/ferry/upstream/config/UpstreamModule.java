package dev.ferry.upstream.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The directives of nginx's ngx_http_upstream_module that Ferry owns; one instance per config load. */
public final class UpstreamModule implements ConfigModule {

    private final UpstreamBinder binder;
    /** Names read so far in this load: a second block of a name is refused when its head is read. */
    private final Set<String> names = new HashSet<>();

    /** @param resolver resolves server host names when a {@code server} line is read */
    public UpstreamModule(HostResolver resolver) {
        this.binder = new UpstreamBinder(resolver);
    }

    @Override
    public String name() {
        return "http_upstream_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.block("upstream", Arity.ONE, Context.UPSTREAM, Context.HTTP).checkedBy(this::checkName),
                DirectiveSpec.simple("server", Arity.ONE_OR_MORE, Context.UPSTREAM).checkedBy(binder::bindServer));
    }

    /** nginx's ngx_http_upstream_add refuses a second block of the same name (case-insensitively). */
    private void checkName(Directive upstream) {
        if (!names.add(UpstreamConfig.key(upstream.arg(0)))) {
            throw upstream.errorText("duplicate upstream \"" + upstream.arg(0) + "\"");
        }
    }
}
