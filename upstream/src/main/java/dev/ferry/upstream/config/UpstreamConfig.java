package dev.ferry.upstream.config;

import dev.ferry.conf.SourcePosition;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An upstream group: an {@code upstream NAME { ... }} block, or the implicit group nginx
 * makes for {@code proxy_pass http://host:port}.
 *
 * @param name      the name as written; groups are looked up case-insensitively ({@link #key()})
 * @param servers   the {@code server} lines in config order
 * @param implicit  true for a group made from a {@code proxy_pass} address
 * @param method    the load balancing method
 * @param keepalive the idle connection cache
 * @param zone      the {@code zone} line, or {@code null} when there is none
 * @param position  where the group was declared
 */
public record UpstreamConfig(String name, List<UpstreamServer> servers, boolean implicit, BalancingMethod method,
        KeepaliveConfig keepalive, UpstreamZone zone, SourcePosition position) {

    public UpstreamConfig {
        Objects.requireNonNull(name, "name");
        servers = List.copyOf(servers);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(position, "position");
        if (!method.allowsBackup() && servers.stream().anyMatch(UpstreamServer::backup)) {
            throw new IllegalArgumentException(method + " does not support backup servers");
        }
    }

    /**
     * A round-robin group with nginx's default cache: {@code keepalive 32 local} for an
     * {@code upstream} block, none for an implicit group.
     */
    public UpstreamConfig(String name, List<UpstreamServer> servers, boolean implicit, SourcePosition position) {
        this(name, servers, implicit, BalancingMethod.ROUND_ROBIN,
                implicit ? KeepaliveConfig.OFF : KeepaliveConfig.DEFAULT, null, position);
    }

    /** nginx compares upstream names case-insensitively ({@code ngx_http_upstream_add}). */
    public String key() {
        return key(name);
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
