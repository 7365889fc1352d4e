package dev.ferry.accesslog;

import java.util.List;

/**
 * The facts of one finished request, filled by the proxy and read once, on the calling
 * thread, while {@link AccessLogWriter#record} formats the request's lines. The log module
 * formats the variables of {@code ngx_http_log_module} and the upstream state variables from
 * these facts itself; every other variable is asked for by name through {@link #variable}.
 *
 * <p>Text values are {@link CharSequence}s that carry bytes: a char up to 0xFF stands for one
 * byte (ISO-8859-1, as Netty decodes request lines and headers), a char above 0xFF is written
 * as UTF-8.
 */
public interface RequestFacts {

    /** {@link System#nanoTime()} when the first byte of the request was read; {@code $request_time} counts from it. */
    long startNanos();

    /**
     * The status to log ({@code $status}): the status sent, 499 when the client closed the
     * connection first, 0 when there is none ({@code 000} in the log).
     */
    int status();

    /** Every byte sent to the client for this request, the response head included ({@code $bytes_sent}). */
    long bytesSent();

    /** The response body bytes sent ({@code $body_bytes_sent}); 0 when none. */
    long bodyBytesSent();

    /** The request line, headers and body as read ({@code $request_length}). */
    long requestLength();

    /** Whether the request arrived pipelined behind another ({@code $pipe}: {@code p} or {@code .}). */
    boolean pipelined();

    /** The connection's serial number ({@code $connection}). */
    long connection();

    /** How many requests the connection has carried, this one included ({@code $connection_requests}). */
    long connectionRequests();

    /**
     * One state per upstream attempt, in order, with {@link UpstreamState#NEW_GROUP} where a new
     * upstream group begins (an internal redirect); empty when no upstream was involved, which
     * makes every {@code $upstream_*} state variable "not found".
     */
    List<UpstreamState> upstreamStates();

    /**
     * Any other variable: {@code $remote_addr}, {@code $request}, {@code $http_NAME},
     * {@code $sent_http_NAME}, {@code $request_id}, {@code $host}, {@code $uri} ...
     *
     * @param name the lowercase name without {@code $}, e.g. {@code "http_user_agent"}; also
     *             {@code "http_authorization"}, from which {@code $remote_user} is decoded
     * @return the value, or {@code null} when the variable is not found for this request
     *         (written {@code -} with the default escape)
     */
    CharSequence variable(String name);
}
