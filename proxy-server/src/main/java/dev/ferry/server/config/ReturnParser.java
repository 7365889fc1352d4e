package dev.ferry.server.config;

import dev.ferry.conf.Directive;

/** Reads {@code return} as nginx's {@code ngx_http_rewrite_return} does. */
final class ReturnParser {

    private ReturnParser() {
    }

    static ReturnAction parse(Directive d) {
        String first = d.arg(0);
        int status = ListenParser.parseInt(first);
        if (status < 0) {
            // "return URL" is a 302; anything else that is not a number is a bad code.
            boolean url = first.startsWith("http://") || first.startsWith("https://") || first.startsWith("$scheme");
            if (d.args().size() == 1 && url) {
                return new ReturnAction(302, first);
            }
            throw d.errorText("invalid return code \"" + first + "\"");
        }
        if (status > 999) {
            throw d.errorText("invalid return code \"" + first + "\"");
        }
        if (d.args().size() == 2 && d.arg(1).indexOf('$') >= 0) {
            throw d.errorText("variables in \"return\" text are not supported yet");
        }
        return new ReturnAction(status, d.args().size() == 2 ? d.arg(1) : null);
    }
}
