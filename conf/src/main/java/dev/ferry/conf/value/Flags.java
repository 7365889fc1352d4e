package dev.ferry.conf.value;

import java.util.Optional;

/**
 * On/off values as nginx's {@code ngx_conf_set_flag_slot} reads them: {@code on} or {@code off}
 * compared with strcasecmp, i.e. ignoring ASCII case only.
 */
public final class Flags {

    private Flags() {
    }

    /** {@code true} for on, {@code false} for off, empty for anything else. */
    public static Optional<Boolean> parse(String text) {
        if (equalsAsciiIgnoreCase(text, "on")) {
            return Optional.of(Boolean.TRUE);
        }
        if (equalsAsciiIgnoreCase(text, "off")) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    private static boolean equalsAsciiIgnoreCase(String text, String lowerCase) {
        if (text.length() != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                ch = (char) (ch + ('a' - 'A'));
            }
            if (ch != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
