package dev.ferry.accesslog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables the log module formats itself, from {@link RequestFacts} and the log time:
 * the operations of {@code ngx_http_log_vars}, the connection counters, {@code $remote_user},
 * and the upstream state variables of {@code ngx_http_upstream.c}.
 */
enum LogVariable {
    PIPE("pipe"),
    TIME_LOCAL("time_local"),
    TIME_ISO8601("time_iso8601"),
    MSEC("msec"),
    REQUEST_TIME("request_time"),
    STATUS("status"),
    BYTES_SENT("bytes_sent"),
    BODY_BYTES_SENT("body_bytes_sent"),
    REQUEST_LENGTH("request_length"),
    CONNECTION("connection"),
    CONNECTION_REQUESTS("connection_requests"),
    REMOTE_USER("remote_user"),
    UPSTREAM_ADDR("upstream_addr"),
    UPSTREAM_STATUS("upstream_status"),
    UPSTREAM_CONNECT_TIME("upstream_connect_time"),
    UPSTREAM_HEADER_TIME("upstream_header_time"),
    UPSTREAM_RESPONSE_TIME("upstream_response_time"),
    UPSTREAM_BYTES_RECEIVED("upstream_bytes_received"),
    UPSTREAM_BYTES_SENT("upstream_bytes_sent"),
    UPSTREAM_RESPONSE_LENGTH("upstream_response_length");

    private static final Map<String, LogVariable> BY_NAME = new HashMap<>();

    static {
        for (LogVariable v : values()) {
            BY_NAME.put(v.variableName, v);
        }
    }

    private final String variableName;

    LogVariable(String variableName) {
        this.variableName = variableName;
    }

    /** The variable of this lowercase name, or {@code null} when the proxy must supply it. */
    static LogVariable named(String lowerCaseName) {
        return BY_NAME.get(lowerCaseName);
    }

    void render(LineBuilder out, Escape escape, RenderState state) {
        RequestFacts facts = state.facts();
        switch (this) {
            case PIPE -> out.put((byte) (facts.pipelined() ? 'p' : '.'));
            case TIME_LOCAL -> out.put(state.stamp().local());
            case TIME_ISO8601 -> out.put(state.stamp().iso8601());
            case MSEC -> out.putMillisAsSeconds(Math.max(0, state.nowMillis()));
            // ngx_http_log_request_time: never negative.
            case REQUEST_TIME -> out.putMillisAsSeconds(Math.max(0, (state.nowNanos() - facts.startNanos()) / 1_000_000));
            case STATUS -> out.putThreeDigits(facts.status());
            case BYTES_SENT -> out.putLong(facts.bytesSent());
            // ngx_http_log_body_bytes_sent writes 0 unless the count is positive.
            case BODY_BYTES_SENT -> out.putLong(Math.max(0, facts.bodyBytesSent()));
            case REQUEST_LENGTH -> out.putLong(facts.requestLength());
            case CONNECTION -> out.putLong(facts.connection());
            case CONNECTION_REQUESTS -> out.putLong(facts.connectionRequests());
            case REMOTE_USER -> {
                byte[] user = RemoteUser.of(facts.variable("http_authorization"));
                if (user == null) {
                    out.putNotFound(escape);
                } else {
                    out.putValue(user, 0, user.length, escape);
                }
            }
            default -> renderUpstream(out, escape, facts.upstreamStates());
        }
    }

    /**
     * The upstream state variables: one value per attempt, {@code ", "} between attempts and
     * {@code " : "} where a new group begins ({@code ngx_http_upstream_addr_variable} and its
     * siblings). Only a peer name can hold bytes an escape changes; separators, digits and
     * {@code -} pass every escape unchanged.
     */
    private void renderUpstream(LineBuilder out, Escape escape, List<UpstreamState> states) {
        int n = states.size();
        if (n == 0) {
            out.putNotFound(escape);
            return;
        }
        int i = 0;
        while (true) {
            renderState(out, escape, states.get(i));
            if (++i == n) {
                break;
            }
            if (!states.get(i).isNewGroup()) {
                out.put((byte) ',');
                out.put((byte) ' ');
            } else {
                out.putAscii(" : ");
                // the group marker holds no value of its own
                if (++i == n) {
                    break;
                }
            }
        }
    }

    private void renderState(LineBuilder out, Escape escape, UpstreamState state) {
        switch (this) {
            case UPSTREAM_ADDR -> {
                if (state.peer() != null) {
                    out.putValue(state.peer(), escape);
                }
            }
            case UPSTREAM_STATUS -> {
                if (state.status() != 0) {
                    out.putLong(state.status());
                } else {
                    out.put((byte) '-');
                }
            }
            case UPSTREAM_CONNECT_TIME -> putTime(out, state.connectTimeMillis());
            case UPSTREAM_HEADER_TIME -> putTime(out, state.headerTimeMillis());
            case UPSTREAM_RESPONSE_TIME -> putTime(out, state.responseTimeMillis());
            case UPSTREAM_BYTES_RECEIVED -> out.putLong(state.bytesReceived());
            case UPSTREAM_BYTES_SENT -> out.putLong(state.bytesSent());
            case UPSTREAM_RESPONSE_LENGTH -> out.putLong(state.responseLength());
            default -> throw new IllegalStateException(name() + " is not an upstream state variable");
        }
    }

    private static void putTime(LineBuilder out, long millis) {
        if (millis == -1) {
            out.put((byte) '-');
        } else {
            out.putMillisAsSeconds(millis);
        }
    }
}
