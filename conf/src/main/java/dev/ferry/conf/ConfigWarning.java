package dev.ferry.conf;

/**
 * A message about the configuration that does not stop it from loading, such as nginx's
 * {@code conflicting server name} warning or the notice about an inert directive.
 *
 * @param level    nginx's level name ("warn", "notice")
 * @param message  the text, without position
 * @param position where it applies
 */
public record ConfigWarning(String level, String message, SourcePosition position) {

    /** The text with nginx's {@code " in FILE:LINE"} suffix. */
    public String text() {
        return message + (position == null ? "" : position.suffix());
    }
}
