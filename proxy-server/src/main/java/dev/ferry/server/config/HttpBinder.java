package dev.ferry.server.config;

import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.ConfigException;
import dev.ferry.accesslog.AccessLogs;
import dev.ferry.accesslog.config.AccessLogBinder;
import dev.ferry.conf.Directive;
import dev.ferry.server.vars.Template;
import dev.ferry.server.vars.VariableCatalog;
import dev.ferry.upstream.config.BalancingMethod;
import dev.ferry.upstream.config.HostResolver;
import dev.ferry.upstream.config.ServerAddress;
import dev.ferry.upstream.config.UpstreamBinder;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Binds the {@code http} block: upstream groups, server blocks, and the implicit upstreams of proxy_pass. */
final class HttpBinder {

    private final HostResolver resolver;
    private final Path prefix;
    private final int defaultListenPort;
    private final List<ConfigWarning> warnings;
    private final List<ListenConfig> socketOptionListens = new ArrayList<>();

    HttpBinder(HostResolver resolver, int defaultListenPort, Path prefix, List<ConfigWarning> warnings) {
        this.resolver = resolver;
        this.prefix = prefix;
        this.defaultListenPort = defaultListenPort;
        this.warnings = warnings;
    }

    HttpConfig bind(Directive http) {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        UpstreamBinder upstreamBinder = new UpstreamBinder(resolver, warnings::add);
        for (Directive d : Directives.all(http.block(), "upstream")) {
            // ngx_http_upstream_add refuses the name before the block's servers are read.
            if (upstreams.containsKey(UpstreamConfig.key(d.arg(0)))) {
                throw d.errorText("duplicate upstream \"" + d.arg(0) + "\"");
            }
            UpstreamConfig group = upstreamBinder.bind(d);
            upstreams.put(group.key(), group);
        }
        UpstreamBinder.checkZones(upstreams.values());
        VariableCatalog variables = MapBinder.bind(http.block(), VariableCatalog.builtIn());
        List<ProxyPassParser.Target> targets = new ArrayList<>();
        AccessLogBinder logs = new AccessLogBinder(prefix, name -> variables.find(name) != null);
        AccessLogs httpLogs = logs.forHttp(http.block());
        // A level's warning would repeat for every location below it: keep each once.
        SettingsBinder settings = new SettingsBinder(variables, w -> {
            if (!warnings.contains(w)) {
                warnings.add(w);
            }
        }, logs, httpLogs);
        LocationBinder locations = new LocationBinder(targets::add, variables, settings);
        List<VirtualServer> servers = new ArrayList<>();
        for (Directive d : Directives.all(http.block(), "server")) {
            servers.add(bindServer(d, Levels.of(http.block()).inner(d.block()), locations, settings, variables));
        }
        checkListens(servers);
        for (ProxyPassParser.Target target : targets) {
            addImplicitUpstream(target, upstreams);
        }
        return new HttpConfig(servers, upstreams, hashKeys(upstreams, variables), variables, logs.files());
    }

    /** The {@code hash KEY} of each hashing group, compiled against the config's variables. */
    private static Map<String, Template> hashKeys(Map<String, UpstreamConfig> upstreams, VariableCatalog variables) {
        Map<String, Template> keys = new HashMap<>();
        for (UpstreamConfig group : upstreams.values()) {
            if (group.method() instanceof BalancingMethod.Hash hash) {
                keys.put(group.key(), Template.compile(hash.key(), variables, group.position()));
            }
        }
        return keys;
    }

    private VirtualServer bindServer(Directive server, Levels levels, LocationBinder locations,
            SettingsBinder settings, VariableCatalog variables) {
        List<ListenConfig> listens = new ArrayList<>();
        for (Directive d : Directives.all(server.block(), "listen")) {
            ListenParser.Parsed parsed = ListenParser.parse(d);
            listens.add(parsed.listen());
            if (parsed.hasSocketOptions()) {
                socketOptionListens.add(parsed.listen());
            }
        }
        if (listens.isEmpty()) {
            listens.add(new ListenConfig(null, defaultListenPort, false, ListenConfig.DEFAULT_BACKLOG, false, server.position()));
        }
        List<String> names = new ArrayList<>();
        for (Directive d : Directives.all(server.block(), "server_name")) {
            for (String name : d.args()) {
                names.add(name.startsWith("~") ? name : name.toLowerCase(Locale.ROOT));
            }
        }
        if (names.isEmpty()) {
            names.add("");
        }
        ReturnAction serverReturn = null;
        for (Directive d : Directives.all(server.block(), "return")) {
            ReturnAction parsed = ReturnParser.parse(d, variables);
            if (serverReturn == null) {
                serverReturn = parsed;
            }
        }
        List<LocationConfig> bound = locations.bindLevel(server.block(), null, levels);
        return new VirtualServer(listens, names, serverReturn, bound, settings.location(levels, null, null),
                settings.server(levels), server.position());
    }

    /** nginx allows socket options and default_server once per address:port. */
    private void checkListens(List<VirtualServer> servers) {
        Map<String, ListenConfig> options = new HashMap<>();
        for (ListenConfig listen : socketOptionListens) {
            if (options.putIfAbsent(listen.addressKey(), listen) != null) {
                throw new ConfigException("duplicate listen options for " + listen.addressKey(), listen.position());
            }
        }
        Map<String, ListenConfig> defaults = new HashMap<>();
        Map<String, Map<String, VirtualServer>> names = new HashMap<>();
        for (VirtualServer server : servers) {
            for (ListenConfig listen : server.listens()) {
                if (listen.defaultServer() && defaults.putIfAbsent(listen.addressKey(), listen) != null) {
                    throw new ConfigException("a duplicate default server for " + listen.addressKey(), listen.position());
                }
                Map<String, VirtualServer> onAddress = names.computeIfAbsent(listen.addressKey(), k -> new HashMap<>());
                for (String name : server.names()) {
                    VirtualServer first = onAddress.putIfAbsent(name, server);
                    if (first != null && first != server) {
                        warnings.add(new ConfigWarning("warn", "conflicting server name \"" + name + "\" on "
                                + listen.addressKey() + ", ignored", null));
                    }
                }
            }
        }
    }

    private void addImplicitUpstream(ProxyPassParser.Target target, Map<String, UpstreamConfig> upstreams) {
        UpstreamConfig named = upstreams.get(UpstreamConfig.key(target.host()));
        if (named != null && !named.implicit()) {
            if (target.portGiven()) {
                String port = target.hostAndPort().substring(target.hostAndPort().lastIndexOf(':') + 1);
                throw target.directive().errorText("upstream \"" + named.name() + "\" may not have port " + port);
            }
            return;
        }
        String key = target.portGiven() ? UpstreamConfig.key(target.hostAndPort()) : UpstreamConfig.key(target.host());
        if (upstreams.containsKey(key)) {
            return;
        }
        List<SocketAddress> addresses;
        try {
            addresses = ServerAddress.parse(target.hostAndPort(), 80).resolve(resolver);
        } catch (ServerAddress.Invalid e) {
            // ngx_http_upstream_init_round_robin names an implicit upstream by its host alone.
            throw target.directive().errorText(e.getMessage() + " in upstream \"" + target.host() + "\"");
        }
        UpstreamServer server = UpstreamServer.implicit(target.hostAndPort(), addresses, target.directive().position());
        upstreams.put(key, new UpstreamConfig(key.equals(UpstreamConfig.key(target.host())) ? target.host()
                : target.hostAndPort(), List.of(server), true, target.directive().position()));
    }
}
