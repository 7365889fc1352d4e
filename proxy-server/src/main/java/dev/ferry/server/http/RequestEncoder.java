package dev.ferry.server.http;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.Consumer;

/**
 * Writes requests to an upstream: the request line and header fields, then the body as it is or
 * in chunks — the bytes Netty's {@code HttpRequestEncoder} writes, with one difference nginx
 * makes too: the request-target goes out byte for byte as it came. Netty's decoder keeps each
 * byte of a request line as one char and its encoder wrote the target back as UTF-8, so the
 * bytes of "/café" (2f 63 61 66 c3 a9) left as 2f 63 61 66 c3 83 c2 a9.
 */
final class RequestEncoder extends MessageEncoder {

    private final Consumer<HttpRequest> sent;

    /** @param sent told of every request head written (the response decoder pairs responses with them) */
    RequestEncoder(Consumer<HttpRequest> sent) {
        this.sent = sent;
    }

    @Override
    State head(HttpMessage message, Scratch out) {
        HttpRequest request = (HttpRequest) message;
        sent.accept(request);
        String uri = request.uri();
        out.text(request.method().asciiName()).ascii(' ')
                .text(uri.isEmpty() ? "/" : uri).ascii(' ') // an empty target goes as "/", as in Netty
                .text(request.protocolVersion().text()).bytes(CRLF);
        boolean chunked = fields(request.headers(), out);
        out.bytes(CRLF);
        return body(chunked);
    }
}
