package dev.ferry.server.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.List;

/** nginx's ngx_http_map_module: {@code map SOURCE $variable { key value; ... }}. */
public final class MapModule implements ConfigModule {

    @Override
    public String name() {
        return "http_map_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(DirectiveSpec.block("map", Arity.TWO, Context.MAP, Context.HTTP).checkedBy(MapBinder::targetName));
    }
}
