package dev.ferry.server.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import dev.ferry.conf.value.Slots;
import java.util.List;
import java.util.function.Consumer;

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
                        .checkedBy(d -> ProxyPassParser.parse(d, true, target -> { }, null)),
                simple("proxy_set_header", Arity.TWO, d -> { }),
                simple("proxy_http_version", Arity.ONE, ProxyModule::checkVersion),
                simple("proxy_pass_request_headers", Arity.FLAG, Slots::flag),
                simple("proxy_pass_request_body", Arity.FLAG, Slots::flag),
                simple("proxy_method", Arity.ONE, d -> { }),
                simple("proxy_hide_header", Arity.ONE, d -> { }),
                simple("proxy_pass_header", Arity.ONE, d -> { }),
                simple("proxy_redirect", Arity.ONE_OR_TWO, ProxyModule::checkRedirect),
                simple("proxy_intercept_errors", Arity.FLAG, Slots::flag),
                simple("proxy_connect_timeout", Arity.ONE, Slots::msec),
                simple("proxy_send_timeout", Arity.ONE, Slots::msec),
                simple("proxy_read_timeout", Arity.ONE, Slots::msec),
                simple("proxy_buffering", Arity.FLAG, Slots::flag),
                simple("proxy_request_buffering", Arity.FLAG, Slots::flag),
                simple("proxy_buffer_size", Arity.ONE, Slots::size),
                simple("proxy_buffers", Arity.TWO, ProxyModule::checkBuffers),
                simple("proxy_busy_buffers_size", Arity.ONE, Slots::size).inert(),
                simple("proxy_max_temp_file_size", Arity.ONE, Slots::size).inert(),
                simple("proxy_temp_file_write_size", Arity.ONE, Slots::size).inert());
    }

    /** A location-level proxy directive, also allowed at http and server level. */
    private static DirectiveSpec simple(String name, Arity arity, Consumer<Directive> check) {
        return DirectiveSpec.simple(name, arity, Context.HTTP, Context.SERVER, Context.LOCATION).checkedBy(check);
    }

    /** {@code proxy_http_version 1.0 | 1.1} (nginx's enum slot message). */
    private static void checkVersion(Directive d) {
        if (!d.arg(0).equals("1.0") && !d.arg(0).equals("1.1")) {
            throw d.errorText("invalid value \"" + d.arg(0) + "\" in \"proxy_http_version\" directive, it must be \"1.0\" or \"1.1\"");
        }
    }

    /** {@code proxy_redirect default | off | FROM TO}. */
    private static void checkRedirect(Directive d) {
        if (d.args().size() == 1 && !d.arg(0).equals("default") && !d.arg(0).equals("off")) {
            throw d.errorText("invalid parameter \"" + d.arg(0) + "\"");
        }
    }

    /** {@code proxy_buffers NUMBER SIZE}: nginx refuses fewer than 2 buffers. */
    private static void checkBuffers(Directive d) {
        int number = ListenParser.parseInt(d.arg(0));
        Slots.size(d, 1);
        if (number < 0) {
            throw d.error("invalid value");
        }
        if (number < 2) {
            throw d.errorText("there must be at least 2 \"proxy_buffers\"");
        }
    }
}
