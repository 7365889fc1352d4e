package dev.ferry.accesslog;

/**
 * One upstream attempt, as nginx keeps it in {@code r->upstream_states}: the source of
 * {@code $upstream_addr}, {@code $upstream_status}, the three {@code $upstream_*_time}s and
 * the three byte counts. The values of successive attempts are joined with {@code ", "}; a
 * {@link #NEW_GROUP} entry joins the groups around it with {@code " : "}.
 *
 * @param peer                the peer's {@code ip:port}, or the upstream's name when no peer was usable;
 *                            {@code null} only in {@link #NEW_GROUP}
 * @param status              the status received, 502 or 504 recorded for a failed attempt; 0 for none ({@code -})
 * @param connectTimeMillis   {@code $upstream_connect_time}; -1 when the phase was never reached ({@code -})
 * @param headerTimeMillis    {@code $upstream_header_time}; -1 when never reached
 * @param responseTimeMillis  {@code $upstream_response_time}; -1 when never reached
 * @param bytesReceived       {@code $upstream_bytes_received}
 * @param bytesSent           {@code $upstream_bytes_sent}
 * @param responseLength      {@code $upstream_response_length}: the response body length
 */
public record UpstreamState(String peer, int status, long connectTimeMillis, long headerTimeMillis,
        long responseTimeMillis, long bytesReceived, long bytesSent, long responseLength) {

    /** Marks the start of a new upstream group, nginx's state entry without a peer. */
    public static final UpstreamState NEW_GROUP = new UpstreamState(null, 0, -1, -1, -1, 0, 0, 0);

    public UpstreamState {
        if (status < 0) {
            throw new IllegalArgumentException("status must be >= 0: " + status);
        }
        if (connectTimeMillis < -1 || headerTimeMillis < -1 || responseTimeMillis < -1) {
            throw new IllegalArgumentException("a time is a number of milliseconds or -1");
        }
        if (bytesReceived < 0 || bytesSent < 0 || responseLength < 0) {
            throw new IllegalArgumentException("byte counts must be >= 0");
        }
    }

    /** An attempt at {@code peer}; a phase not reached has time -1. */
    public static UpstreamState attempt(String peer, int status, long connectTimeMillis, long headerTimeMillis,
            long responseTimeMillis, long bytesReceived, long bytesSent, long responseLength) {
        return new UpstreamState(java.util.Objects.requireNonNull(peer, "peer"), status, connectTimeMillis,
                headerTimeMillis, responseTimeMillis, bytesReceived, bytesSent, responseLength);
    }

    public boolean isNewGroup() {
        return peer == null;
    }
}
