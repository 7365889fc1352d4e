package dev.ferry.server.config;

import dev.ferry.conf.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code location} block.
 *
 * @param match     how the name is compared with the URI
 * @param name      the prefix, the exact URI, the regex source or {@code @name}
 * @param regex     the compiled pattern for regex locations, else {@code null}
 * @param action    what the location does with a request, or {@code null} (inherits nothing yet)
 * @param settings  the location's effective settings (inheritance done); {@code null} only
 *                  while the location is being bound
 * @param nested    nested locations in config order
 * @param position  where the block was opened
 */
public record LocationConfig(Match match, String name, Pattern regex, LocationAction action,
        LocationSettings settings, List<LocationConfig> nested, SourcePosition position) {

    /** The location modifiers of {@code ngx_http_core_location}. */
    public enum Match {
        /** {@code = /uri} */
        EXACT,
        /** plain {@code /prefix} */
        PREFIX,
        /** {@code ^~ /prefix}: a longest match here skips this level's regexes */
        PREFIX_NO_REGEX,
        /** {@code ~ regex} */
        REGEX,
        /** {@code ~* regex} */
        REGEX_CASELESS,
        /** {@code @name} */
        NAMED;

        public boolean isRegex() {
            return this == REGEX || this == REGEX_CASELESS;
        }

        public boolean isPrefix() {
            return this == PREFIX || this == PREFIX_NO_REGEX;
        }
    }

    public LocationConfig {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(name, "name");
        nested = List.copyOf(nested);
        Objects.requireNonNull(position, "position");
    }
}
