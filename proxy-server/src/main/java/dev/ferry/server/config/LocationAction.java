package dev.ferry.server.config;

/** What a location does with a request: a {@code return} or a {@code proxy_pass}. */
public sealed interface LocationAction {

    /** {@code return ...}. */
    record Return(ReturnAction action) implements LocationAction {
    }

    /** {@code proxy_pass ...}. */
    record Proxy(ProxyPass pass) implements LocationAction {
    }
}
