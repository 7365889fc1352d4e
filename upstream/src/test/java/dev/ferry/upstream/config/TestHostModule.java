package dev.ferry.upstream.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.List;

/** The blocks the upstream directives stand in ({@code http}, {@code server}, {@code location}), for tests. */
public final class TestHostModule implements ConfigModule {

    @Override
    public String name() {
        return "test_host";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.block("http", Arity.NONE, Context.HTTP, Context.MAIN),
                DirectiveSpec.block("server", Arity.NONE, Context.SERVER, Context.HTTP),
                DirectiveSpec.block("location", Arity.ONE, Context.LOCATION, Context.SERVER, Context.LOCATION));
    }
}
