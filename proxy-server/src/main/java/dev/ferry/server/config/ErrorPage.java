package dev.ferry.server.config;

import java.util.Objects;
import java.util.Set;

/**
 * {@code error_page CODE... [=[RESPONSE]] URI|@name|URL}.
 *
 * @param codes        the statuses it applies to
 * @param overrideCode the {@code =CODE} answer status; 0 for none; -1 for a bare {@code =}
 *                     (take the status of the page's own response)
 * @param target       {@code /uri}, {@code @name} or an absolute URL (a redirect)
 */
public record ErrorPage(Set<Integer> codes, int overrideCode, String target) {

    public ErrorPage {
        codes = Set.copyOf(codes);
        Objects.requireNonNull(target, "target");
    }

    public boolean isNamed() {
        return target.startsWith("@");
    }

    public boolean isRedirect() {
        return !target.startsWith("/") && !isNamed();
    }
}
