package dev.ferry.upstream.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.List;

/** The directives of nginx's ngx_http_upstream_module that Ferry owns. */
public final class UpstreamModule implements ConfigModule {

    @Override
    public String name() {
        return "http_upstream_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.block("upstream", Arity.ONE, Context.UPSTREAM, Context.HTTP),
                DirectiveSpec.simple("server", Arity.ONE_OR_MORE, Context.UPSTREAM));
    }
}
