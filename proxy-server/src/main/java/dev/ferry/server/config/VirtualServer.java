package dev.ferry.server.config;

import dev.ferry.conf.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * One {@code server} block of the {@code http} block.
 *
 * @param listens   its listen addresses (nginx's default when it has none)
 * @param names     {@code server_name} values, lowercased; the first is {@code $server_name}
 * @param action    a server-level {@code return}, or {@code null}
 * @param locations top-level locations in config order
 * @param settings  the server level's settings, for requests no location takes
 * @param header    settings for reading requests (header buffers and timeouts)
 * @param position  where the block was opened
 */
public record VirtualServer(List<ListenConfig> listens, List<String> names, ReturnAction action,
        List<LocationConfig> locations, LocationSettings settings, ServerSettings header, SourcePosition position) {

    public VirtualServer {
        listens = List.copyOf(listens);
        names = List.copyOf(names);
        locations = List.copyOf(locations);
        Objects.requireNonNull(position, "position");
    }

    /** {@code $server_name}: the first name, or empty. */
    public String primaryName() {
        return names.isEmpty() ? "" : names.get(0);
    }
}
