package dev.ferry.upstream.next;

import java.util.Optional;

/**
 * Why an attempt on a peer did not give a usable response, with the word that lists it in
 * {@code proxy_next_upstream} and the status nginx gives it ({@code ngx_http_upstream_next}).
 */
public enum FailureKind {
    /** Connect refused or failed, a write error, or the upstream closed before a full response head. */
    ERROR("error", 502),
    /** The connect, send or read timeout fired before the response head was complete. */
    TIMEOUT("timeout", 504),
    /** The upstream sent an empty or invalid response head. */
    INVALID_HEADER("invalid_header", 502),
    HTTP_500("http_500", 500),
    HTTP_502("http_502", 502),
    HTTP_503("http_503", 503),
    HTTP_504("http_504", 504),
    HTTP_403("http_403", 403),
    HTTP_404("http_404", 404),
    HTTP_429("http_429", 429);

    /** values() clones its array on every call; this is asked once per upstream response. */
    private static final FailureKind[] KINDS = values();

    private final String word;
    private final int status;

    FailureKind(String word, int status) {
        this.word = word;
        this.status = status;
    }

    /** The value of {@code proxy_next_upstream} that lists this kind. */
    public String word() {
        return word;
    }

    /** The status nginx records for the attempt and, without a retry, sends the client. */
    public int status() {
        return status;
    }

    /** True for a response the upstream did send (http_*), false for error, timeout, invalid_header. */
    public boolean isStatus() {
        return ordinal() >= HTTP_500.ordinal();
    }

    /** 403 and 404 may move to the next peer but never count against it (NGX_PEER_NEXT). */
    public boolean countsAsFailure() {
        return this != HTTP_403 && this != HTTP_404;
    }

    /** The kind for an upstream response status, if {@code proxy_next_upstream} can list it. */
    public static Optional<FailureKind> forStatus(int status) {
        if (status < HTTP_403.status) {
            return Optional.empty(); // most responses: no kind lists a status below 403
        }
        for (FailureKind kind : KINDS) {
            if (kind.isStatus() && kind.status == status) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
