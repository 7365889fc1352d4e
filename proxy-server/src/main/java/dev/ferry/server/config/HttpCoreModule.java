package dev.ferry.server.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import dev.ferry.conf.value.Slots;
import java.util.List;
import java.util.function.Consumer;

/**
 * The directives of nginx's ngx_http_core_module that Ferry owns, plus {@code return} from the
 * rewrite module. File-serving and socket-tuning directives that have no effect on a proxy
 * are accepted, inert, so existing nginx.conf files load unchanged.
 */
public final class HttpCoreModule implements ConfigModule {

    private static final Context[] HTTP_SRV_LOC = {Context.SERVER, Context.LOCATION};

    private static DirectiveSpec simple(String name, Arity arity, Consumer<Directive> check, Context first,
            Context... rest) {
        return DirectiveSpec.simple(name, arity, first, rest).checkedBy(check);
    }

    /** {@code large_client_header_buffers NUMBER SIZE}: nginx wants at least one buffer of at least 2 bytes. */
    private static void checkBuffers(Directive d) {
        if (ListenParser.parseInt(d.arg(0)) < 1) {
            throw d.error("invalid value");
        }
        if (Slots.size(d, 1) < 2) {
            throw d.error("invalid value");
        }
    }

    /** {@code server_tokens on | off | build} (nginx's enum slot message). */
    private static void checkTokens(Directive d) {
        if (!d.arg(0).equals("on") && !d.arg(0).equals("off") && !d.arg(0).equals("build")) {
            throw d.errorText("invalid value \"" + d.arg(0) + "\" in \"server_tokens\" directive, it must be \"on\", \"off\" or \"build\"");
        }
    }

    /** {@code add_header NAME VALUE [always]}. */
    private static void checkAddHeader(Directive d) {
        if (d.args().size() == 3 && !d.arg(2).equals("always")) {
            throw d.errorText("invalid parameter \"" + d.arg(2) + "\"");
        }
    }

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
                        Context.IF_IN_SERVER, Context.IF_IN_LOCATION).checkedBy(d -> ReturnParser.parse(d, null)),
                simple("client_max_body_size", Arity.ONE, Slots::offset, Context.HTTP, HTTP_SRV_LOC),
                simple("client_body_buffer_size", Arity.ONE, Slots::size, Context.HTTP, HTTP_SRV_LOC),
                simple("client_body_timeout", Arity.ONE, Slots::msec, Context.HTTP, HTTP_SRV_LOC),
                simple("client_header_timeout", Arity.ONE, Slots::msec, Context.HTTP, Context.SERVER),
                simple("client_header_buffer_size", Arity.ONE, Slots::size, Context.HTTP, Context.SERVER),
                simple("large_client_header_buffers", Arity.TWO, HttpCoreModule::checkBuffers, Context.HTTP, Context.SERVER),
                simple("ignore_invalid_headers", Arity.FLAG, Slots::flag, Context.HTTP, Context.SERVER),
                simple("underscores_in_headers", Arity.FLAG, Slots::flag, Context.HTTP, Context.SERVER),
                simple("merge_slashes", Arity.FLAG, Slots::flag, Context.HTTP, Context.SERVER),
                simple("send_timeout", Arity.ONE, Slots::msec, Context.HTTP, HTTP_SRV_LOC),
                simple("keepalive_timeout", Arity.ONE_OR_TWO, Slots::msec, Context.HTTP, HTTP_SRV_LOC),
                simple("keepalive_requests", Arity.ONE, Slots::number, Context.HTTP, HTTP_SRV_LOC),
                simple("keepalive_time", Arity.ONE, Slots::msec, Context.HTTP, HTTP_SRV_LOC),
                simple("server_tokens", Arity.ONE, HttpCoreModule::checkTokens, Context.HTTP, HTTP_SRV_LOC),
                simple("error_page", Arity.TWO_OR_MORE, ErrorPageParser::parse, Context.HTTP, Context.SERVER,
                        Context.LOCATION, Context.IF_IN_LOCATION),
                simple("add_header", Arity.exactly(2, 3), HttpCoreModule::checkAddHeader, Context.HTTP, Context.SERVER,
                        Context.LOCATION, Context.IF_IN_LOCATION),
                DirectiveSpec.simple("sendfile", Arity.FLAG, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("tcp_nopush", Arity.FLAG, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("tcp_nodelay", Arity.FLAG, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.block("types", Arity.NONE, Context.TYPES, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("default_type", Arity.ONE, Context.HTTP, HTTP_SRV_LOC),
                DirectiveSpec.simple("root", Arity.ONE, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("index", Arity.ONE_OR_MORE, Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("client_body_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("proxy_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("fastcgi_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("uwsgi_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert(),
                DirectiveSpec.simple("scgi_temp_path", Arity.exactly(1, 2, 3, 4), Context.HTTP, HTTP_SRV_LOC).inert());
    }
}
