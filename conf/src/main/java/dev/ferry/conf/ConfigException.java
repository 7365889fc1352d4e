package dev.ferry.conf;

import java.util.Objects;

/**
 * A configuration error, worded as nginx words it. {@link #getMessage()} carries the
 * position suffix ({@code ... in /abs/file:LINE}); {@link #reason()} is the bare text.
 */
public final class ConfigException extends RuntimeException {

    private final String reason;
    private final SourcePosition position;

    public ConfigException(String reason, SourcePosition position) {
        super(reason + (position == null ? "" : position.suffix()));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.position = position;
    }

    /** The message without the {@code " in FILE:LINE"} suffix. */
    public String reason() {
        return reason;
    }

    /** Where the error was found; {@code null} when no place applies (e.g. no "events" section). */
    public SourcePosition position() {
        return position;
    }
}
