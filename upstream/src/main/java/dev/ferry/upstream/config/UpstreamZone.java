package dev.ferry.upstream.config;

import java.util.Objects;

/**
 * {@code zone NAME [SIZE];} as written. Ferry keeps one balancer state per group that every
 * event loop shares, which is what a zone gives nginx's worker processes, so the zone changes
 * nothing at run time; it is read and checked so nginx configs load unchanged.
 *
 * @param name the zone name
 * @param size the size in bytes, or 0 when the line gave none (another line must give it)
 */
public record UpstreamZone(String name, long size) {

    public UpstreamZone {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || size < 0) {
            throw new IllegalArgumentException("a zone has a name and a size >= 0");
        }
    }
}
