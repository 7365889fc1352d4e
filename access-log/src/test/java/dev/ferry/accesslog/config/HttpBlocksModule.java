package dev.ferry.accesslog.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.List;

/** The blocks the access-log directives stand in, as the proxy's core module declares them. */
final class HttpBlocksModule implements ConfigModule {

    @Override
    public String name() {
        return "test_http_blocks";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.block("http", Arity.NONE, Context.HTTP, Context.MAIN),
                DirectiveSpec.block("server", Arity.NONE, Context.SERVER, Context.HTTP),
                DirectiveSpec.block("location", Arity.ONE_OR_TWO, Context.LOCATION, Context.SERVER, Context.LOCATION),
                DirectiveSpec.block("if", Arity.ONE_OR_MORE, Context.IF_IN_LOCATION, Context.LOCATION),
                DirectiveSpec.block("if", Arity.ONE_OR_MORE, Context.IF_IN_SERVER, Context.SERVER),
                DirectiveSpec.block("limit_except", Arity.ONE_OR_MORE, Context.LIMIT_EXCEPT, Context.LOCATION));
    }
}
