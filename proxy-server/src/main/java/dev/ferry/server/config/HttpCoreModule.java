package dev.ferry.server.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.util.List;

/**
 * The directives of nginx's ngx_http_core_module that Ferry owns, plus {@code return} from the
 * rewrite module. File-serving and socket-tuning directives that have no effect on a proxy
 * are accepted, inert, so existing nginx.conf files load unchanged.
 */
public final class HttpCoreModule implements ConfigModule {

    private static final Context[] HTTP_SRV_LOC = {Context.SERVER, Context.LOCATION};

    @Override
    public String name() {
        return "http_core_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.block("http", Arity.NONE, Context.HTTP, Context.MAIN),
                DirectiveSpec.block("server", Arity.NONE, Context.SERVER, Context.HTTP),
                DirectiveSpec.simple("listen", Arity.ONE_OR_MORE, Context.SERVER).checkedBy(ListenParser::parse),
                DirectiveSpec.simple("server_name", Arity.ONE_OR_MORE, Context.SERVER),
                DirectiveSpec.block("location", Arity.ONE_OR_TWO, Context.LOCATION, Context.SERVER, Context.LOCATION)
                        .checkedBy(LocationBinder.Head::parse),
                DirectiveSpec.simple("return", Arity.ONE_OR_TWO, Context.SERVER, Context.LOCATION,
                        Context.IF_IN_SERVER, Context.IF_IN_LOCATION).checkedBy(ReturnParser::parse),
                DirectiveSpec.simple("sendfile", Arity.FLAG, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("tcp_nopush", Arity.FLAG, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("tcp_nodelay", Arity.FLAG, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.block("types", Arity.NONE, Context.TYPES, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("default_type", Arity.ONE, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("root", Arity.ONE, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("index", Arity.ONE_OR_MORE, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("client_body_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("proxy_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("fastcgi_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("uwsgi_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("scgi_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert());
    }
}
