package dev.ferry.server.config;

import java.time.Duration;

/**
 * Settings nginx reads per server before a location is known (request line and headers).
 *
 * @param headerTimeout         {@code client_header_timeout}
 * @param headerBufferSize      {@code client_header_buffer_size}
 * @param largeHeaderBuffers    {@code large_client_header_buffers} number
 * @param largeHeaderBufferSize {@code large_client_header_buffers} size: the longest request line or header line
 * @param ignoreInvalidHeaders  {@code ignore_invalid_headers}
 * @param underscoresInHeaders  {@code underscores_in_headers}
 * @param mergeSlashes          {@code merge_slashes}
 */
public record ServerSettings(Duration headerTimeout, long headerBufferSize, int largeHeaderBuffers,
        long largeHeaderBufferSize, boolean ignoreInvalidHeaders, boolean underscoresInHeaders, boolean mergeSlashes) {

    /** nginx's defaults, for a connection whose listener vanished in a reload. */
    public static final ServerSettings DEFAULTS =
            new ServerSettings(Duration.ofSeconds(60), 1024, 4, 8192, true, false, true);
}
