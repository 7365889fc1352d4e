package dev.ferry.conf.value;

import dev.ferry.conf.Directive;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * nginx's generic directive readers ({@code ngx_conf_set_flag_slot}, {@code _msec_slot},
 * {@code _sec_slot}, {@code _size_slot}, {@code _off_slot}, {@code _num_slot}) with their exact
 * error messages. Each reads the directive's first argument; usable both as a read-time check
 * and as the binder's reader.
 */
public final class Slots {

    private Slots() {
    }

    /** on/off: {@code invalid value "x" in "NAME" directive, it must be "on" or "off"}. */
    public static boolean flag(Directive d) {
        return Flags.parse(d.arg(0)).orElseThrow(() -> d.errorText(
                "invalid value \"" + d.arg(0) + "\" in \"" + d.name() + "\" directive, it must be \"on\" or \"off\""));
    }

    /** A time in milliseconds ({@code 60s}, {@code 500ms}): {@code "NAME" directive invalid value}. */
    public static Duration msec(Directive d) {
        return Duration.ofMillis(orInvalid(Times.parseMillis(d.arg(0)), d));
    }

    /** A time in whole seconds ({@code 75s}, {@code 1h}). */
    public static Duration sec(Directive d) {
        return Duration.ofSeconds(orInvalid(Times.parseSeconds(d.arg(0)), d));
    }

    /** A size ({@code 8k}, {@code 1m}). */
    public static long size(Directive d) {
        return size(d, 0);
    }

    /** A size in argument {@code index}. */
    public static long size(Directive d, int index) {
        return orInvalid(Sizes.parseSize(d.arg(index)), d);
    }

    /** An offset ({@code 1g} allowed). */
    public static long offset(Directive d) {
        return orInvalid(Sizes.parseOffset(d.arg(0)), d);
    }

    /** A non-negative integer. */
    public static long number(Directive d) {
        String text = d.arg(0);
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw d.error("invalid number");
        }
        return Long.parseLong(text);
    }

    private static long orInvalid(OptionalLong value, Directive d) {
        return value.orElseThrow(() -> d.error("invalid value"));
    }
}
