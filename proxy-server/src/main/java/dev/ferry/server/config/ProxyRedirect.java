package dev.ferry.server.config;

import dev.ferry.server.vars.Template;
import java.util.List;

/**
 * {@code proxy_redirect default | off | FROM TO ...}: how {@code Location} and {@code Refresh}
 * from the upstream are rewritten.
 *
 * @param rules  the FROM → TO replacements in order; {@code default} is the proxy_pass URL →
 *               the location name, made when the location is bound
 */
public record ProxyRedirect(List<Rule> rules) {

    /** One replacement: a prefix (or, with {@code ~}, a regex) and its template. */
    public record Rule(String from, java.util.regex.Pattern regex, Template to) {
    }

    public static final ProxyRedirect OFF = new ProxyRedirect(List.of());

    public ProxyRedirect {
        rules = List.copyOf(rules);
    }
}
