package dev.ferry.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * Writes responses to the client as nginx's header and chunked filters do: the status line and
 * header fields, then the body as it is or in chunks.
 *
 * <p>It produces the bytes Netty's {@code HttpServerCodec} encoder produced, header sanitising
 * included (no Content-Length or Transfer-Encoding on a 1xx or 204, "Content-Length: 0" on a 205).
 * Ferry decides itself that a response to HEAD, a 204 or a 304 has no body (it never writes one),
 * so unlike Netty's server codec this encoder needs no queue of request methods.
 */
public final class ResponseEncoder extends MessageEncoder {

    @Override
    State head(HttpMessage message, Scratch out) {
        HttpResponse response = (HttpResponse) message;
        boolean empty = alwaysEmpty(response);
        if (empty) {
            // Netty's HttpResponseEncoder.sanitizeHeadersBeforeEncode.
            int code = response.status().code();
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL || code == 204) {
                response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
                response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            } else if (code == 205) {
                response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            }
        }
        out.text(response.protocolVersion().text()).ascii(' ')
                .text(response.status().codeAsText()).ascii(' ')
                .text(response.status().reasonPhrase()).bytes(CRLF);
        boolean chunked = fields(response.headers(), out);
        out.bytes(CRLF);
        return empty ? State.EMPTY : body(chunked);
    }

    /** Netty's HttpResponseEncoder.isContentAlwaysEmpty. */
    private static boolean alwaysEmpty(HttpResponse response) {
        int code = response.status().code();
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            // A 101 may carry the body of an old WebSocket handshake (hybi-00), as Netty allows.
            return code != 101 || response.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        }
        return code == 204 || code == 304 || code == 205;
    }
}
