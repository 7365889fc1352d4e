package dev.ferry.server.config;

import dev.ferry.accesslog.AccessLogs;
import java.util.Objects;

/** Everything a request needs from its location once inheritance is done, its access logs included. */
public record LocationSettings(ProxySettings proxy, ClientSettings client, ResponseSettings response,
        AccessLogs accessLogs) {

    public LocationSettings {
        Objects.requireNonNull(accessLogs, "accessLogs");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(response, "response");
    }
}
