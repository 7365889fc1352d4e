package dev.ferry.server.http;

import dev.ferry.server.vars.LoopClock;
import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/**
 * The {@code Date} header value, formatted once per second rather than per response (nginx
 * keeps {@code ngx_cached_http_time} the same way). Loops share one immutable value.
 */
final class HttpDate {

    private record Cached(long second, AsciiString value) {
    }

    private static volatile Cached cached = new Cached(-1, AsciiString.EMPTY_STRING);

    private HttpDate() {
    }

    static AsciiString now() {
        long millis = LoopClock.currentTimeMillis();
        long second = millis / 1000;
        Cached c = cached;
        if (c.second != second) {
            c = new Cached(second, new AsciiString(DateFormatter.format(new Date(second * 1000))));
            cached = c;
        }
        return c.value;
    }
}
