package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import java.util.HashSet;
import java.util.Set;

/** Reads {@code error_page} as nginx's {@code ngx_http_core_error_page} does. */
final class ErrorPageParser {

    private ErrorPageParser() {
    }

    static ErrorPage parse(Directive d) {
        int last = d.args().size() - 1;
        String target = d.arg(last);
        int override = 0;
        int codesEnd = last;
        String maybeOverride = d.arg(last - 1);
        if (maybeOverride.startsWith("=")) {
            if (last - 1 == 0) {
                throw d.errorText("invalid value \"" + maybeOverride + "\"");
            }
            codesEnd = last - 1;
            if (maybeOverride.length() == 1) {
                override = -1;
            } else {
                override = ListenParser.parseInt(maybeOverride.substring(1));
                if (override < 0) {
                    throw d.errorText("invalid value \"" + maybeOverride + "\"");
                }
            }
        }
        Set<Integer> codes = new HashSet<>();
        for (int i = 0; i < codesEnd; i++) {
            int code = ListenParser.parseInt(d.arg(i));
            if (code < 0) {
                throw d.errorText("invalid value \"" + d.arg(i) + "\"");
            }
            if (code < 300 || code > 599) {
                throw d.errorText("value \"" + d.arg(i) + "\" must be between 300 and 599");
            }
            codes.add(code);
        }
        return new ErrorPage(codes, override, target);
    }
}
