package dev.ferry.accesslog;

/**
 * How a {@code log_format} writes variable values: its {@code escape=} parameter
 * ({@code ngx_http_log_compile_format}). Literal text of the format is never escaped.
 */
public enum Escape {
    /**
     * Bytes 0x00-0x1F, {@code "}, {@code \}, 0x7F and 0x80 up as {@code \xHH} with uppercase hex
     * ({@code ngx_http_log_escape}); a variable that is not found is written {@code -}.
     */
    DEFAULT,
    /** JSON string escaping ({@code ngx_escape_json}); a variable that is not found is written as nothing. */
    JSON,
    /** Values as they are; a variable that is not found is written as nothing. */
    NONE;

    /** The value of {@code escape=VALUE}, or {@code null} when nginx does not know it. */
    static Escape named(String value) {
        return switch (value) {
            case "default" -> DEFAULT;
            case "json" -> JSON;
            case "none" -> NONE;
            default -> null;
        };
    }
}
