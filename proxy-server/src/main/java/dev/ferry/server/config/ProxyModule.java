package dev.ferry.server.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.List;

/** The directives of nginx's ngx_http_proxy_module that Ferry owns. */
public final class ProxyModule implements ConfigModule {

    @Override
    public String name() {
        return "http_proxy_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.simple("proxy_pass", Arity.ONE, Context.LOCATION, Context.IF_IN_LOCATION, Context.LIMIT_EXCEPT)
                        // The URI-part rule depends on the enclosing location, so the binder checks it.
                        .checkedBy(d -> ProxyPassParser.parse(d, true, target -> { })));
    }
}
