package dev.ferry.server.config;

import dev.ferry.server.vars.Template;
import java.util.Objects;

/**
 * A {@code proxy_set_header NAME VALUE} or {@code add_header NAME VALUE [always]} entry.
 *
 * @param name   the header name as written
 * @param value  the value, evaluated per request; an empty result means "do not send"
 * @param always for add_header: also on error responses
 */
public record HeaderEntry(String name, Template value, boolean always) {

    public HeaderEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
