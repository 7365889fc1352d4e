package dev.ferry.upstream.next;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.EnumSet;
import java.util.List;

/**
 * The {@code proxy_next_upstream*} directives of nginx's ngx_http_proxy_module; their values
 * are checked as each line is read. {@link NextUpstreamBinder} merges them level by level.
 */
public final class NextUpstreamModule implements ConfigModule {

    @Override
    public String name() {
        return "http_proxy_module (next upstream)";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.simple("proxy_next_upstream", Arity.ONE_OR_MORE,
                        Context.HTTP, Context.SERVER, Context.LOCATION)
                        .checkedBy(d -> NextUpstreamValues.words(d, EnumSet.noneOf(NextUpstreamValues.Word.class),
                                warning -> { })),
                DirectiveSpec.simple("proxy_next_upstream_tries", Arity.ONE,
                        Context.HTTP, Context.SERVER, Context.LOCATION)
                        .checkedBy(NextUpstreamValues::tries),
                DirectiveSpec.simple("proxy_next_upstream_timeout", Arity.ONE,
                        Context.HTTP, Context.SERVER, Context.LOCATION)
                        .checkedBy(NextUpstreamValues::timeout));
    }
}
