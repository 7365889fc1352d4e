package dev.ferry.upstream.next;

import java.util.Objects;

/**
 * What the proxy knows about the request when an attempt fails, for {@link NextUpstream}.
 *
 * @param method            the request method as received (POST, LOCK and PATCH are not idempotent)
 * @param requestSent       some of the request went to the upstream (nginx's {@code u->request_sent});
 *                          false for connect failures
 * @param unbufferedBody    the body is streamed as it arrives ({@code proxy_request_buffering off},
 *                          nginx's {@code r->request_body_no_buffering}), so it cannot be sent twice
 * @param reusedConnection  the attempt ran on a cached keepalive connection
 * @param responseStarted   the response head was received and is on its way to the client
 * @param clientClosed      the client went away
 */
public record RequestFacts(String method, boolean requestSent, boolean unbufferedBody, boolean reusedConnection,
        boolean responseStarted, boolean clientClosed) {

    public RequestFacts {
        Objects.requireNonNull(method, "method");
    }

    /** A request with {@code method} of which nothing was sent yet, on a fresh connection. */
    public static RequestFacts of(String method) {
        return new RequestFacts(method, false, false, false, false, false);
    }

    public RequestFacts sent() {
        return new RequestFacts(method, true, unbufferedBody, reusedConnection, responseStarted, clientClosed);
    }

    public RequestFacts unbuffered() {
        return new RequestFacts(method, requestSent, true, reusedConnection, responseStarted, clientClosed);
    }

    public RequestFacts reused() {
        return new RequestFacts(method, requestSent, unbufferedBody, true, responseStarted, clientClosed);
    }

    public RequestFacts started() {
        return new RequestFacts(method, requestSent, unbufferedBody, reusedConnection, true, clientClosed);
    }

    public RequestFacts clientGone() {
        return new RequestFacts(method, requestSent, unbufferedBody, reusedConnection, responseStarted, true);
    }

    /** nginx's NGX_HTTP_POST|NGX_HTTP_LOCK|NGX_HTTP_PATCH: every other method counts as idempotent. */
    public boolean nonIdempotentMethod() {
        return method.equals("POST") || method.equals("LOCK") || method.equals("PATCH");
    }
}
