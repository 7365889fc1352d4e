package dev.ferry.server.config;

import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.ConfigException;
import dev.ferry.accesslog.config.AccessLogModule;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveRegistry;
import dev.ferry.conf.syntax.ConfigParser;
import dev.ferry.conf.syntax.ParsedConfig;
import dev.ferry.upstream.config.CachingResolver;
import dev.ferry.upstream.config.HostResolver;
import dev.ferry.upstream.config.UpstreamModule;
import dev.ferry.upstream.next.NextUpstreamModule;
import dev.ferry.vrrp.config.VrrpBinder;
import dev.ferry.vrrp.config.VrrpInstanceConfig;
import dev.ferry.vrrp.config.VrrpModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a configuration from text to typed model: parse with the registry's checks running
 * as each directive is read, then let each module bind its directives. Everything is
 * validated before anything is used, so a bad reload changes nothing.
 */
public final class ConfigLoader {

    /** Every module that owns directives, in nginx's module order. */
    public static List<ConfigModule> modules(HostResolver resolver, Path prefix) {
        return List.of(new CoreModule(), new HttpCoreModule(), new MapModule(), new UpstreamModule(resolver), new ProxyModule(),
                new NextUpstreamModule(), new AccessLogModule(prefix), new VrrpModule());
    }

    private final Path prefix;
    private final HostResolver resolver;
    private final int defaultListenPort;
    private final DirectiveRegistry registry;

    /**
     * @param prefix            base of relative paths (logs, pid), nginx's {@code -p}
     * @param resolver          resolves upstream and listen host names at load
     * @param defaultListenPort nginx listens on 80 as root and on 8000 otherwise when a server has no listen
     */
    public ConfigLoader(Path prefix, HostResolver resolver, int defaultListenPort) {
        this.prefix = prefix;
        this.resolver = new CachingResolver(resolver);
        this.registry = DirectiveRegistry.of(modules(this.resolver, prefix));
        this.defaultListenPort = defaultListenPort;
    }

    /** Loads once; a loader caches host answers, so each load uses a new loader. */
    public FerryConfig load(Path configFile, String globals) {
        DirectiveRegistry.Checker checker = registry.checker();
        ParsedConfig parsed = ConfigParser.parse(configFile, globals, checker);
        List<Directive> main = parsed.directives();
        Directives.single(main, "events");
        List<ConfigWarning> warnings = new ArrayList<>();
        MainConfig mainConfig = new MainBinder(prefix).bind(main);
        Directive http = Directives.single(main, "http");
        HttpConfig httpConfig = http == null ? HttpConfig.EMPTY
                : new HttpBinder(resolver, defaultListenPort, prefix, warnings).bind(http);
        // nginx checks this in ngx_event_init_conf, after the whole file (http block included)
        // has been parsed, so any error found while parsing is reported first.
        if (Directives.all(main, "events").isEmpty()) {
            throw new ConfigException("no \"events\" section in configuration", null);
        }
        List<VrrpInstanceConfig> vrrp = new VrrpBinder(VrrpUpstreams.of(httpConfig), warnings::add).bind(main);
        for (Directive inert : checker.inertDirectives()) {
            warnings.add(new ConfigWarning("notice",
                    "\"" + inert.name() + "\" directive is accepted but has no effect in Ferry", inert.position()));
        }
        return new FerryConfig(mainConfig, httpConfig, parsed, warnings, vrrp);
    }

    public DirectiveRegistry registry() {
        return registry;
    }
}
