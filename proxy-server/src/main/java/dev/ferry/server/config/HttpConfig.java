package dev.ferry.server.config;

import dev.ferry.upstream.config.UpstreamConfig;
import java.util.List;
import java.util.Map;

/**
 * The bound {@code http} block.
 *
 * @param servers   the server blocks in config order
 * @param upstreams every upstream group by {@link UpstreamConfig#key()}, named and implicit
 */
public record HttpConfig(List<VirtualServer> servers, Map<String, UpstreamConfig> upstreams) {

    public HttpConfig {
        servers = List.copyOf(servers);
        upstreams = Map.copyOf(upstreams);
    }

    public static final HttpConfig EMPTY = new HttpConfig(List.of(), Map.of());
}
