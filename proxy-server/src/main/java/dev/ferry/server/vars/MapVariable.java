package dev.ferry.server.vars;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A variable defined by {@code map SOURCE $name { ... }} (ngx_http_map_module): the source is
 * evaluated, then looked up among exact keys (lowercased), then the hostname
 * wildcards when {@code hostnames} is set, then the regexes in config order; else the default.
 * Built empty so maps may name each other in any order, then {@link #define defined} once.
 */
public final class MapVariable implements Variable {

    /** One {@code ~regex value} entry. */
    public record RegexEntry(Pattern pattern, Template value) {
    }

    /** Everything a map block says. */
    public record Definition(Template source, Map<String, Template> exact, List<String> wildcardKeys,
            List<RegexEntry> regexes, Template defaultValue) {

        public Definition {
            exact = Map.copyOf(exact);
            wildcardKeys = List.copyOf(wildcardKeys);
            regexes = List.copyOf(regexes);
        }
    }

    private Definition definition;

    public void define(Definition definition) {
        if (this.definition != null) {
            throw new IllegalStateException("map already defined");
        }
        this.definition = definition;
    }

    @Override
    public String value(RequestContext request) {
        Definition d = definition;
        String value = d.source().evaluate(request);
        // ngx_http_map_find: the hash is searched lowercased, the regexes see the value as it is.
        String key = value.toLowerCase(Locale.ROOT);
        Template found = d.exact().get(key);
        if (found == null) {
            found = wildcard(d, key);
        }
        if (found == null) {
            for (RegexEntry entry : d.regexes()) {
                if (entry.pattern().matcher(value).find()) {
                    found = entry.value();
                    break;
                }
            }
        }
        return (found == null ? d.defaultValue() : found).evaluate(request);
    }

    /** With {@code hostnames}: ".example.com" and "*.example.com" match subdomains, "www.example.*" prefixes. */
    private static Template wildcard(Definition d, String key) {
        Template best = null;
        int bestLength = -1;
        for (String w : d.wildcardKeys()) {
            boolean leading = w.startsWith("*.") || w.startsWith(".");
            String part = w.startsWith("*.") ? w.substring(1) : w.endsWith(".*") ? w.substring(0, w.length() - 1) : w;
            boolean matches = leading ? key.endsWith(part) || (w.startsWith(".") && key.equals(part.substring(1)))
                    : key.startsWith(part);
            if (matches && part.length() > bestLength) {
                best = d.exact().get("\u0000" + w);
                bestLength = part.length();
            }
        }
        return best;
    }
}
