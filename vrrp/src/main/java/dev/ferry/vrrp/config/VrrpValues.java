package dev.ferry.vrrp.config;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Times;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The value syntaxes of the vrrp directives, each failing with nginx's wording
 * ({@code invalid value "x" in "priority" directive, it must be ...}) at the directive's place.
 * The directive checks and the binder share them, so a value is read one way only.
 */
final class VrrpValues {

    /** Linux's IFNAMSIZ less the terminating NUL. */
    private static final int MAX_INTERFACE_NAME = 15;

    private VrrpValues() {
    }

    static ConfigException invalid(Directive d, String value, String must) {
        return d.errorText("invalid value \"" + value + "\" in \"" + d.name() + "\" directive"
                + (must == null ? "" : ", it must be " + must));
    }

    /** A decimal integer in {@code [min, max]}, digits only as nginx's ngx_atoi reads them. */
    static int integer(Directive d, String text, int min, int max) {
        String digits = text.startsWith("-") ? text.substring(1) : text;
        boolean ok = !digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        if (ok) {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw invalid(d, text, "between " + min + " and " + max);
    }

    /** An nginx time ({@code 1s}, {@code 100ms}, a bare number is seconds) in {@code [min, max]}. */
    static Duration time(Directive d, String text, Duration min, Duration max) {
        OptionalLong millis = Times.parseMillis(text);
        if (millis.isEmpty()) {
            throw invalid(d, text, null);
        }
        Duration value = Duration.ofMillis(millis.getAsLong());
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(d, text, "between " + words(min) + " and " + words(max));
        }
        return value;
    }

    private static String words(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** A dotted-quad IPv4 address; host names are refused, as keepalived refuses them. */
    static Inet4Address ipv4(Directive d, String text) {
        if (text.indexOf(':') >= 0) {
            throw d.errorText("IPv6 address \"" + text + "\" in \"" + d.name() + "\" directive is not supported");
        }
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw d.errorText("invalid address \"" + text + "\" in \"" + d.name() + "\" directive");
        }
        try {
            return (Inet4Address) InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw d.errorText("invalid address \"" + text + "\" in \"" + d.name() + "\" directive");
        }
    }

    /** {@code ADDR[/LEN]}, /32 by default as in keepalived. */
    static VirtualAddress virtualAddress(Directive d, String text) {
        int slash = text.indexOf('/');
        Inet4Address address = ipv4(d, slash < 0 ? text : text.substring(0, slash));
        int length = 32;
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(bits) > 32) {
                throw d.errorText("invalid address \"" + text + "\" in \"" + d.name() + "\" directive");
            }
            length = Integer.parseInt(bits);
        }
        return new VirtualAddress(address, length);
    }

    static String interfaceName(Directive d, String text) {
        if (text.isEmpty() || text.length() > MAX_INTERFACE_NAME || text.equals(".") || text.equals("..")
                || text.chars().anyMatch(c -> c == '/' || c == ':' || c <= ' ')) {
            throw d.errorText("invalid interface name \"" + text + "\" in \"" + d.name() + "\" directive");
        }
        return text;
    }

    /** The optional {@code weight=N} of the tracking directives; 0 when absent. */
    static int weight(Directive d) {
        if (d.args().size() < 2) {
            return 0;
        }
        String param = d.arg(1);
        if (!param.startsWith("weight=")) {
            throw d.errorText("invalid parameter \"" + param + "\"");
        }
        return integer(d, param.substring(7), -253, 253);
    }

    static InitialState state(Directive d) {
        return switch (d.arg(0)) {
            case "MASTER" -> InitialState.MASTER;
            case "BACKUP" -> InitialState.BACKUP;
            default -> throw invalid(d, d.arg(0), "\"MASTER\" or \"BACKUP\"");
        };
    }

    /** A command line for a notify script: the words as given, the first an absolute path. */
    static List<String> command(Directive d) {
        if (!d.arg(0).startsWith("/")) {
            throw d.errorText("\"" + d.name() + "\" directive needs an absolute path, not \"" + d.arg(0) + "\"");
        }
        return d.args();
    }
}
