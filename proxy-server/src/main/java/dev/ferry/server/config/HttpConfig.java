package dev.ferry.server.config;

import dev.ferry.accesslog.LogFile;
import dev.ferry.server.vars.Template;
import dev.ferry.server.vars.VariableCatalog;
import dev.ferry.upstream.config.UpstreamConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bound {@code http} block.
 *
 * @param servers   the server blocks in config order
 * @param upstreams every upstream group by {@link UpstreamConfig#key()}, named and implicit
 * @param hashKeys  the compiled {@code hash KEY} of the hashing groups, by group key
 * @param variables every variable the config may name (maps included), for the access log
 * @param logFiles  every access-log file with a fixed name, to open at load
 */
public record HttpConfig(List<VirtualServer> servers, Map<String, UpstreamConfig> upstreams,
        Map<String, Template> hashKeys, VariableCatalog variables, Set<LogFile> logFiles) {

    public HttpConfig {
        servers = List.copyOf(servers);
        upstreams = Map.copyOf(upstreams);
        hashKeys = Map.copyOf(hashKeys);
        logFiles = Set.copyOf(logFiles);
    }

    public static final HttpConfig EMPTY =
            new HttpConfig(List.of(), Map.of(), Map.of(), VariableCatalog.builtIn(), Set.of());
}
