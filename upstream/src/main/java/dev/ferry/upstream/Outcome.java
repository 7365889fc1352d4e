package dev.ferry.upstream;

/** How an attempt on a peer ended, as nginx frees a peer with 0, NGX_PEER_FAILED or NGX_PEER_NEXT. */
public enum Outcome {
    /** A response head arrived (whatever happened to the body afterwards). */
    SUCCESS,
    /** error, timeout, invalid_header, or a listed http_5xx/429 that is retried: counts toward max_fails. */
    FAILURE,
    /** A retry that must not count as a failure (http_403, http_404). */
    NEXT
}
