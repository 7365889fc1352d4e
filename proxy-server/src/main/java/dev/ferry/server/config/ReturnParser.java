package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import dev.ferry.server.vars.Template;
import dev.ferry.server.vars.VariableCatalog;

/** Reads {@code return} as nginx's {@code ngx_http_rewrite_return} does. */
final class ReturnParser {

    private ReturnParser() {
    }

    /** @param variables the catalog for the text, or {@code null} at read time (variables unchecked) */
    static ReturnAction parse(Directive d, VariableCatalog variables) {
        String first = d.arg(0);
        int status = ListenParser.parseInt(first);
        if (status < 0) {
            // "return URL" is a 302; anything else that is not a number is a bad code.
            boolean url = first.startsWith("http://") || first.startsWith("https://") || first.startsWith("$scheme");
            if (d.args().size() == 1 && url) {
                return new ReturnAction(302, text(first, d, variables));
            }
            throw d.errorText("invalid return code \"" + first + "\"");
        }
        if (status > 999) {
            throw d.errorText("invalid return code \"" + first + "\"");
        }
        return new ReturnAction(status, d.args().size() == 2 ? text(d.arg(1), d, variables) : null);
    }

    private static Template text(String text, Directive d, VariableCatalog variables) {
        return variables == null ? Template.literal(text) : Template.compile(text, variables, d.position());
    }
}
