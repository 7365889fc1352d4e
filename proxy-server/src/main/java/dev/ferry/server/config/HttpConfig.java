package dev.ferry.server.config;

import dev.ferry.server.vars.Template;
import dev.ferry.upstream.config.UpstreamConfig;
import java.util.List;
import java.util.Map;

/**
 * The bound {@code http} block.
 *
 * @param servers   the server blocks in config order
 * @param upstreams every upstream group by {@link UpstreamConfig#key()}, named and implicit
 * @param hashKeys  the compiled {@code hash KEY} of the hashing groups, by group key
 */
public record HttpConfig(List<VirtualServer> servers, Map<String, UpstreamConfig> upstreams,
        Map<String, Template> hashKeys) {

    public HttpConfig {
        servers = List.copyOf(servers);
        upstreams = Map.copyOf(upstreams);
        hashKeys = Map.copyOf(hashKeys);
    }

    public static final HttpConfig EMPTY = new HttpConfig(List.of(), Map.of(), Map.of());
}
