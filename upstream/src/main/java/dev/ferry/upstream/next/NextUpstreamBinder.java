package dev.ferry.upstream.next;

import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Merges the {@code proxy_next_upstream*} directives level by level, as nginx's
 * {@code ngx_http_proxy_merge_loc_conf} does: a level that sets a directive replaces what it
 * inherits (the words are not added to the parent's), a level that does not inherits it, and
 * the {@code http} level inherits {@link NextUpstreamConfig#DEFAULT}.
 */
public final class NextUpstreamBinder {

    private final Consumer<ConfigWarning> warnings;

    /** @param warnings receives {@code duplicate value "x"} */
    public NextUpstreamBinder(Consumer<ConfigWarning> warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * The settings of one level ({@code http}, {@code server}, {@code location}) given its
     * block's directives and its parent's merged settings. Several {@code proxy_next_upstream}
     * lines in one block add up, as they share one bitmask in nginx; a second
     * {@code proxy_next_upstream_tries} or {@code _timeout} is "is duplicate".
     */
    public NextUpstreamConfig bind(List<Directive> block, NextUpstreamConfig parent) {
        EnumSet<NextUpstreamValues.Word> words = EnumSet.noneOf(NextUpstreamValues.Word.class);
        boolean wordsSet = false;
        Integer tries = null;
        Duration timeout = null;
        for (Directive d : block) {
            switch (d.name()) {
                case "proxy_next_upstream" -> {
                    NextUpstreamValues.words(d, words, warnings);
                    wordsSet = true;
                }
                case "proxy_next_upstream_tries" -> {
                    if (tries != null) {
                        throw d.error("is duplicate");
                    }
                    tries = NextUpstreamValues.tries(d);
                }
                case "proxy_next_upstream_timeout" -> {
                    if (timeout != null) {
                        throw d.error("is duplicate");
                    }
                    timeout = NextUpstreamValues.timeout(d);
                }
                default -> {
                    // another module's directive
                }
            }
        }
        int mergedTries = tries != null ? tries : parent.tries();
        Duration mergedTimeout = timeout != null ? timeout : parent.timeout();
        if (!wordsSet) {
            return new NextUpstreamConfig(parent.retryOn(), parent.nonIdempotent(), mergedTries, mergedTimeout);
        }
        return NextUpstreamValues.toConfig(words, mergedTries, mergedTimeout);
    }
}
