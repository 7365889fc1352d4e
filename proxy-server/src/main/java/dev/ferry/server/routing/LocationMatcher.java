package dev.ferry.server.routing;

import dev.ferry.server.config.LocationAction;
import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.config.LocationConfig.Match;
import java.util.List;

/**
 * nginx's location search ({@code ngx_http_core_find_location}): at each level the longest
 * matching prefix, an exact match that stops everything, descent into the prefix's nested
 * locations, then this level's regexes in config order unless the prefix was {@code ^~}.
 */
public final class LocationMatcher {

    /**
     * The outcome of a search.
     *
     * @param location     the chosen location, or {@code null} when none matched
     * @param redirectTo   for nginx's auto-redirect, the location name to send a 301 to; else {@code null}
     */
    public record Result(LocationConfig location, String redirectTo) {
    }

    private LocationMatcher() {
    }

    private static final Result NONE = new Result(null, null);

    public static Result find(List<LocationConfig> level, String uri) {
        return findLevel(level, uri);
    }

    private static Result findLevel(List<LocationConfig> level, String uri) {
        String redirect = autoRedirect(level, uri);
        if (redirect != null) {
            return new Result(null, redirect);
        }
        LocationConfig longest = null;
        for (LocationConfig l : level) {
            if (l.match() == Match.EXACT && l.name().equals(uri)) {
                return new Result(l, null);
            }
            if (l.match().isPrefix() && uri.startsWith(l.name())
                    && (longest == null || l.name().length() > longest.name().length())) {
                longest = l;
            }
        }
        if (longest != null) {
            Result nested = findLevel(longest.nested(), uri);
            if (nested != NONE) {
                return nested;
            }
            if (longest.match() == Match.PREFIX_NO_REGEX) {
                return new Result(longest, null);
            }
        }
        for (LocationConfig l : level) {
            if (l.match().isRegex() && l.regex().matcher(uri).find()) {
                Result nested = findLevel(l.nested(), uri);
                return nested != NONE ? nested : new Result(l, null);
            }
        }
        return longest == null ? NONE : new Result(longest, null);
    }

    /**
     * A URI one "/" short of a proxying prefix location gets a 301 to that location, unless a
     * location is named exactly like the URI (decided before regexes, as in nginx).
     */
    private static String autoRedirect(List<LocationConfig> level, String uri) {
        String withSlash = uri + "/";
        for (LocationConfig l : level) {
            if ((l.match() == Match.EXACT || l.match().isPrefix()) && l.name().equals(uri)) {
                return null;
            }
        }
        for (LocationConfig l : level) {
            if (l.match().isPrefix() && l.name().equals(withSlash) && l.action() instanceof LocationAction.Proxy) {
                return withSlash;
            }
        }
        return null;
    }
}
