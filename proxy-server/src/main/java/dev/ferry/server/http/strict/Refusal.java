package dev.ferry.server.http.strict;

/**
 * Why a client's request is refused, in nginx's words: the status it answers with (the
 * connection closes after it) and the error-log text of {@code ngx_http_parse_*} and
 * {@code ngx_http_process_request_header}.
 *
 * @param status  400, 501 (unknown Transfer-Encoding) or 505 (HTTP/2 and later on an HTTP/1 port)
 * @param message the error-log text, without nginx's "while ..." phase and context
 * @param phase   where in the request the refused byte was
 * @param method  the request line's method when it was complete, else {@code null}
 * @param target  the request line's target when it was complete, else {@code null}
 * @param minor   the HTTP/1.x minor version when the request line was complete, else -1
 */
public record Refusal(int status, String message, Phase phase, String method, String target, int minor) {

    /** Where the refused byte was: nginx names the phase in the log ("while reading ..."). */
    public enum Phase {
        REQUEST_LINE("while reading client request line"),
        HEADERS("while reading client request headers"),
        BODY("while reading client request body");

        private final String logText;

        Phase(String logText) {
            this.logText = logText;
        }

        public String logText() {
            return logText;
        }
    }

    /** The refusal as the cause of a failed {@code DecoderResult}. */
    public RefusedRequestException asException() {
        return new RefusedRequestException(this);
    }
}
