package dev.ferry.server.config;

import dev.ferry.server.vars.Template;

/**
 * {@code return CODE [TEXT]}, {@code return CODE URL} or {@code return URL}.
 *
 * @param status the status code; 444 closes the connection without a response
 * @param text   the body, or the Location for 301/302/303/307/308; {@code null} when absent
 */
public record ReturnAction(int status, Template text) {

    public ReturnAction {
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
    }

    /** True for the codes whose text is a redirect target (ngx_http_send_response). */
    public boolean isRedirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
