package dev.ferry.upstream.config;

import dev.ferry.conf.SourcePosition;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An upstream group: an {@code upstream NAME { ... }} block, or the implicit group nginx
 * makes for {@code proxy_pass http://host:port}.
 *
 * @param name     the name as written; groups are looked up case-insensitively ({@link #key()})
 * @param servers  the {@code server} lines in config order
 * @param implicit true for a group made from a {@code proxy_pass} address
 * @param position where the group was declared
 */
public record UpstreamConfig(String name, List<UpstreamServer> servers, boolean implicit, SourcePosition position) {

    public UpstreamConfig {
        Objects.requireNonNull(name, "name");
        servers = List.copyOf(servers);
        Objects.requireNonNull(position, "position");
    }

    /** nginx compares upstream names case-insensitively ({@code ngx_http_upstream_add}). */
    public String key() {
        return key(name);
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
