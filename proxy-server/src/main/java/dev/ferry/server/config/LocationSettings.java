package dev.ferry.server.config;

import java.util.Objects;

/** Everything a request needs from its location once inheritance is done. */
public record LocationSettings(ProxySettings proxy, ClientSettings client, ResponseSettings response) {

    public LocationSettings {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(response, "response");
    }
}
