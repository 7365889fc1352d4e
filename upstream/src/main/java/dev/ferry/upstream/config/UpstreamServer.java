package dev.ferry.upstream.config;

import dev.ferry.conf.SourcePosition;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code server} line of an {@code upstream} block, with its addresses resolved at load:
 * a host name that resolves to several addresses gives several peers with these parameters.
 *
 * @param address     the address as written ({@code host[:port]}, {@code [v6]:port}); hash
 *                    consistent uses this spelling for its points
 * @param addresses   the resolved socket addresses, in resolver order
 * @param weight      {@code weight=}, at least 1
 * @param maxFails    {@code max_fails=}, 0 turns failure accounting off
 * @param failTimeout {@code fail_timeout=}
 * @param maxConns    {@code max_conns=}, 0 means no limit
 * @param backup      {@code backup}
 * @param down        {@code down}
 * @param position    where the line was read
 */
public record UpstreamServer(
        String address,
        List<SocketAddress> addresses,
        int weight,
        int maxFails,
        Duration failTimeout,
        int maxConns,
        boolean backup,
        boolean down,
        SourcePosition position) {

    public static final int DEFAULT_WEIGHT = 1;
    public static final int DEFAULT_MAX_FAILS = 1;
    public static final Duration DEFAULT_FAIL_TIMEOUT = Duration.ofSeconds(10);

    public UpstreamServer {
        Objects.requireNonNull(address, "address");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a server has at least one address");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1");
        }
        if (maxFails < 0 || maxConns < 0) {
            throw new IllegalArgumentException("max_fails and max_conns must be >= 0");
        }
        Objects.requireNonNull(failTimeout, "failTimeout");
        Objects.requireNonNull(position, "position");
    }

    /** The server of an implicit upstream ({@code proxy_pass http://host:port}): nginx's defaults. */
    public static UpstreamServer implicit(String address, List<SocketAddress> addresses, SourcePosition position) {
        return new UpstreamServer(address, addresses, DEFAULT_WEIGHT, DEFAULT_MAX_FAILS, DEFAULT_FAIL_TIMEOUT,
                0, false, false, position);
    }
}
