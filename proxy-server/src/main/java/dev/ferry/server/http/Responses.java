package dev.ferry.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Responses Ferry makes itself: {@code return}, redirects and error pages. */
final class Responses {

    private Responses() {
    }

    /** Adds the {@code Server} and {@code Date} headers nginx puts on every response. */
    static void stamp(HttpHeaders headers) {
        headers.set(HttpHeaderNames.SERVER, ServerIdentity.TOKEN);
        headers.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
    }

    /** The built-in page for {@code status}, or an empty body when nginx has none. */
    static FullHttpResponse error(int status) {
        return ErrorPages.has(status) ? html(status, ErrorPages.page(status)) : empty(status);
    }

    static FullHttpResponse redirect(int status, String location) {
        FullHttpResponse response = error(status);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    static FullHttpResponse text(int status, String body, CharSequence contentType) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(status), content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return response;
    }

    private static FullHttpResponse html(int status, String page) {
        return text(status, page, HttpHeaderValues.TEXT_HTML);
    }

    private static FullHttpResponse empty(int status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(status), Unpooled.EMPTY_BUFFER);
        if (status != 204 && status != 304 && status >= 200) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        return response;
    }

    static HttpResponseStatus status(int code) {
        return new HttpResponseStatus(code, ErrorPages.reason(code));
    }

    /**
     * Sends a response Ferry made and keeps the connection when the client wants it.
     * A HEAD request gets the headers only.
     */
    static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean head) {
        stamp(response.headers());
        if (head) {
            response.content().clear();
        }
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!response.protocolVersion().isKeepAliveDefault()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

}
