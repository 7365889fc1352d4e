package dev.ferry.accesslog.config;

import dev.ferry.conf.Context;
import dev.ferry.conf.registry.Arity;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The directives of nginx's {@code ngx_http_log_module}, checked as each is read; one
 * instance per configuration load, because what a directive may say depends on what was read
 * before it (formats defined above, buffers of files named above).
 *
 * <p>Checks that need the whole file wait for {@link AccessLogBinder}: unknown variables
 * (nginx also reports them only after the http block, in {@code ngx_http_variables_init_vars})
 * and a second {@code open_log_file_cache} at one level.
 */
public final class AccessLogModule implements ConfigModule {

    private final LogDirectives directives;

    /** @param prefix nginx's {@code -p} prefix, against which relative log paths are resolved */
    public AccessLogModule(Path prefix) {
        this.directives = new LogDirectives(prefix);
    }

    @Override
    public String name() {
        return "http_log_module";
    }

    @Override
    public List<DirectiveSpec> directives() {
        return List.of(
                DirectiveSpec.simple("log_format", Arity.TWO_OR_MORE, Context.HTTP)
                        .checkedBy(directives::logFormat),
                DirectiveSpec.simple("access_log", Arity.ONE_OR_MORE, Context.HTTP, Context.SERVER,
                                Context.LOCATION, Context.IF_IN_LOCATION, Context.LIMIT_EXCEPT)
                        .checkedBy(directives::accessLog),
                DirectiveSpec.simple("open_log_file_cache", Arity.exactly(1, 2, 3, 4), Context.HTTP,
                                Context.SERVER, Context.LOCATION)
                        .checkedBy(directives::openFileCache));
    }
}
