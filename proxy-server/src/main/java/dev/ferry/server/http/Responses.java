package dev.ferry.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Responses Ferry makes itself: {@code return}, redirects and error pages. */
final class Responses {

    private Responses() {
    }

    /**
     * Headers in nginx's order and spelling: {@code Server} and {@code Date} first, then
     * {@code rest}. Header names are case-insensitive, but clients and tools compare the
     * bytes nginx sends, so the names are written capitalised as nginx writes them.
     */
    static HttpHeaders stamped(HttpHeaders rest) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(SERVER, ServerIdentity.TOKEN);
        headers.set(DATE, DateFormatter.format(new Date()));
        headers.add(rest);
        return headers;
    }

    static final String SERVER = "Server";
    static final String DATE = "Date";
    static final String CONTENT_TYPE = "Content-Type";
    static final String CONTENT_LENGTH = "Content-Length";
    static final String LOCATION = "Location";
    static final String CONNECTION = "Connection";

    /** The built-in page for {@code status}, or an empty body when nginx has none. */
    static FullHttpResponse error(int status) {
        return ErrorPages.has(status) ? html(status, ErrorPages.page(status)) : empty(status);
    }

    static FullHttpResponse redirect(int status, String location) {
        FullHttpResponse response = error(status);
        response.headers().set(LOCATION, location);
        return response;
    }

    static FullHttpResponse text(int status, String body, CharSequence contentType) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(status), content);
        response.headers().set(CONTENT_TYPE, contentType);
        response.headers().setInt(CONTENT_LENGTH, content.readableBytes());
        return response;
    }

    private static FullHttpResponse html(int status, String page) {
        return text(status, page, "text/html");
    }

    private static FullHttpResponse empty(int status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(status), Unpooled.EMPTY_BUFFER);
        if (status != 204 && status != 304 && status >= 200) {
            response.headers().setInt(CONTENT_LENGTH, 0);
        }
        return response;
    }

    /** nginx answers an HTTP/1.0 keep-alive client with "Connection: keep-alive" and closes with "close". */
    static void connection(HttpHeaders headers, boolean keepAlive, HttpVersion requestVersion) {
        if (!keepAlive) {
            headers.set(CONNECTION, "close");
        } else if (requestVersion.equals(HttpVersion.HTTP_1_0)) {
            headers.set(CONNECTION, "keep-alive");
        }
    }

    static HttpResponseStatus status(int code) {
        return new HttpResponseStatus(code, ErrorPages.reason(code));
    }

    /**
     * Sends a response Ferry made and keeps the connection when the client wants it.
     * A HEAD request gets the headers only.
     */
    static void send(ChannelHandlerContext ctx, FullHttpResponse response, HttpVersion requestVersion,
            boolean keepAlive, boolean head) {
        if (head) {
            response.content().clear();
        }
        response.headers().set(stamped(response.headers().copy()));
        connection(response.headers(), keepAlive, requestVersion);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

}
