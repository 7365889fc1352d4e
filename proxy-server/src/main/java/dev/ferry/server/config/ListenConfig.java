package dev.ferry.server.config;

import dev.ferry.conf.SourcePosition;
import java.util.Objects;

/**
 * One {@code listen} of a server.
 *
 * @param host          the address to bind, or {@code null} for the wildcard ({@code *})
 * @param port          the port
 * @param defaultServer {@code default_server} (or the old {@code default})
 * @param backlog       {@code backlog=}, 511 by default as nginx on Linux
 * @param reuseport     {@code reuseport}
 * @param position      where the directive was read
 */
public record ListenConfig(String host, int port, boolean defaultServer, int backlog, boolean reuseport,
        SourcePosition position) {

    public static final int DEFAULT_BACKLOG = 511;

    public ListenConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(position, "position");
    }

    /** {@code 127.0.0.1:8080} or {@code 0.0.0.0:8080}, as nginx names a listen group. */
    public String addressKey() {
        String h = host == null ? "0.0.0.0" : host;
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    }
}
