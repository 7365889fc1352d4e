package dev.ferry.upstream.next;

import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Times;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The values of the three {@code proxy_next_upstream*} directives, read with the slot
 * functions nginx gives them: {@code ngx_conf_set_bitmask_slot}, {@code ngx_conf_set_num_slot}
 * and {@code ngx_conf_set_msec_slot}, and their messages.
 */
final class NextUpstreamValues {

    /** ngx_http_proxy_next_upstream_masks, in nginx's order. */
    enum Word {
        ERROR, TIMEOUT, INVALID_HEADER, NON_IDEMPOTENT, HTTP_500, HTTP_502, HTTP_503, HTTP_504, HTTP_403, HTTP_404,
        HTTP_429,
        /** Serving a stale cached response while it updates: Ferry has no cache, so it changes nothing. */
        UPDATING,
        OFF;

        final String text = name().toLowerCase(Locale.ROOT);
    }

    private NextUpstreamValues() {
    }

    /**
     * Adds the words of one {@code proxy_next_upstream} line to {@code into} (the words already
     * set at this level): a word given twice is a warning, an unknown one an error.
     */
    static void words(Directive d, EnumSet<Word> into, Consumer<ConfigWarning> warnings) {
        for (String arg : d.args()) {
            Word word = find(arg);
            if (word == null) {
                throw d.errorText("invalid value \"" + arg + "\"");
            }
            if (!into.add(word)) {
                warnings.accept(new ConfigWarning("warn", "duplicate value \"" + arg + "\"", d.position()));
            }
        }
    }

    /** strcasecmp against each mask name. */
    private static Word find(String arg) {
        for (Word word : Word.values()) {
            if (word.text.equalsIgnoreCase(arg) && arg.chars().allMatch(c -> c < 0x80)) {
                return word;
            }
        }
        return null;
    }

    /** {@code proxy_next_upstream_tries}: ngx_atoi, "invalid number"; a huge value is no cap in practice. */
    static int tries(Directive d) {
        String text = d.arg(0);
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw d.error("invalid number");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            if (value > (Long.MAX_VALUE - 9) / 10) {
                throw d.error("invalid number"); // ngx_atoi's overflow check
            }
            value = value * 10 + (text.charAt(i) - '0');
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /** {@code proxy_next_upstream_timeout}: ngx_parse_time in milliseconds, "invalid value". */
    static Duration timeout(Directive d) {
        OptionalLong ms = Times.parseMillis(d.arg(0));
        if (ms.isEmpty()) {
            throw d.error("invalid value");
        }
        return Duration.ofMillis(ms.getAsLong());
    }

    /** The kinds a set of words retries on; {@code off} anywhere turns everything off. */
    static NextUpstreamConfig toConfig(EnumSet<Word> words, int tries, Duration timeout) {
        EnumSet<FailureKind> kinds = EnumSet.noneOf(FailureKind.class);
        if (words.contains(Word.OFF)) {
            return new NextUpstreamConfig(kinds, false, tries, timeout);
        }
        for (FailureKind kind : FailureKind.values()) {
            if (words.contains(Word.valueOf(kind.name()))) {
                kinds.add(kind);
            }
        }
        return new NextUpstreamConfig(kinds, words.contains(Word.NON_IDEMPOTENT), tries, timeout);
    }
}
