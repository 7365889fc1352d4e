package dev.ferry.server.routing;

import dev.ferry.server.config.LocationAction;
import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.config.LocationConfig.Match;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;

/**
 * nginx's location search ({@code ngx_http_core_find_location}): at each level the longest
 * matching prefix, an exact match that stops everything, descent into the prefix's nested
 * locations, then this level's regexes in config order unless the prefix was {@code ^~}.
 *
 * <p>As in nginx, only an exact match, a regex match or an auto-redirect ends the search
 * (NGX_OK / NGX_DONE). A prefix match found in nested locations (NGX_AGAIN) is only the
 * fallback: the outer level still tries its own regexes unless its own longest prefix was
 * {@code ^~}. This is why a {@code ^~} nested inside a plain prefix does not stop the outer
 * regexes.
 */
public final class LocationMatcher {

    /**
     * The outcome of a search.
     *
     * @param location     the chosen location, or {@code null} when none matched
     * @param redirectTo   for nginx's auto-redirect, the location name to send a 301 to; else {@code null}
     * @param captures     for a regex location, its match ($1..$9); else {@code null}
     */
    public record Result(LocationConfig location, String redirectTo, MatchResult captures) {

        public Result(LocationConfig location, String redirectTo) {
            this(location, redirectTo, null);
        }
    }

    /**
     * One level's answer: {@code last} is nginx's NGX_OK/NGX_DONE (stop), otherwise the
     * result is a prefix match (NGX_AGAIN) that outer regexes may still override.
     */
    private record Search(Result result, boolean last) {
    }

    private LocationMatcher() {
    }

    private static final Result NONE = new Result(null, null);

    public static Result find(List<LocationConfig> level, String uri) {
        Search found = search(level, uri);
        return found == null ? NONE : found.result();
    }

    /** One level of ngx_http_core_find_location; {@code null} is NGX_DECLINED. */
    private static Search search(List<LocationConfig> level, String uri) {
        String redirect = autoRedirect(level, uri);
        if (redirect != null) {
            return new Search(new Result(null, redirect), true);
        }
        LocationConfig longest = null;
        for (int i = 0; i < level.size(); i++) { // indexed: no iterator per request
            LocationConfig l = level.get(i);
            if (l.match() == Match.EXACT && l.name().equals(uri)) {
                return new Search(new Result(l, null), true);
            }
            if (l.match().isPrefix() && uri.startsWith(l.name())
                    && (longest == null || l.name().length() > longest.name().length())) {
                longest = l;
            }
        }
        Search found = null;
        boolean noRegex = false;
        if (longest != null) {
            // noregex comes from this level's longest prefix, not from a deeper one.
            noRegex = longest.match() == Match.PREFIX_NO_REGEX;
            Search nested = search(longest.nested(), uri);
            if (nested != null && nested.last()) {
                return nested;
            }
            found = nested != null ? nested : new Search(new Result(longest, null), false);
        }
        if (!noRegex) {
            for (int i = 0; i < level.size(); i++) {
                LocationConfig l = level.get(i);
                Matcher m = l.match().isRegex() ? l.regex().matcher(uri) : null;
                if (m != null && m.find()) {
                    Search nested = search(l.nested(), uri);
                    if (nested != null && nested.result().location() != null) {
                        return new Search(nested.result(), true);
                    }
                    return new Search(new Result(l, null, m.toMatchResult()), true);
                }
            }
        }
        return found;
    }

    /**
     * A URI one "/" short of a proxying location (prefix or exact, nginx's auto_redirect flag)
     * gets a 301 to that location, unless a location is named exactly like the URI (decided
     * before regexes, as in ngx_http_core_find_static_location).
     */
    private static String autoRedirect(List<LocationConfig> level, String uri) {
        LocationConfig oneShort = null;
        for (int i = 0; i < level.size(); i++) {
            LocationConfig l = level.get(i);
            if (l.match() != Match.EXACT && !l.match().isPrefix()) {
                continue;
            }
            if (l.name().equals(uri)) {
                return null;
            }
            if (oneShort == null && isUriWithSlash(l.name(), uri) && l.action() instanceof LocationAction.Proxy) {
                oneShort = l;
            }
        }
        return oneShort == null ? null : oneShort.name();
    }

    /** {@code name} is {@code uri + "/"}, compared without making that string for every request. */
    private static boolean isUriWithSlash(String name, String uri) {
        return name.length() == uri.length() + 1 && name.charAt(uri.length()) == '/' && name.startsWith(uri);
    }
}
