package dev.ferry.server.http.strict;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Sits before the HTTP codec and lets through only the bytes {@link RequestScanner} accepts.
 * At the first refused byte it passes the accepted ones on, then — in their place, after the
 * requests before it — a failed message that carries the {@link Refusal}: a failed request
 * when the head was refused, a failed last content when the body was (as Netty's own decoder
 * reports an invalid chunk). Whatever the client sends after that is dropped; the connection
 * answers and closes.
 */
public final class RequestGuard extends ChannelInboundHandlerAdapter {

    private final RequestScanner scanner = new RequestScanner();
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            in.release();
            return;
        }
        int accepted = scanner.feed(in);
        if (accepted == in.readableBytes()) {
            ctx.fireChannelRead(in);
            return;
        }
        refused = true;
        if (accepted > 0) {
            ctx.fireChannelRead(in.retainedSlice(in.readerIndex(), accepted));
        }
        in.release();
        ctx.fireChannelRead(refusedMessage(scanner.refusal()));
    }

    /** The message that stands for a refused request (or body) in the decoded stream. */
    static HttpObject refusedMessage(Refusal refusal) {
        DecoderResult failure = DecoderResult.failure(refusal.asException());
        if (refusal.phase() == Refusal.Phase.BODY) {
            DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            last.setDecoderResult(failure);
            return last;
        }
        DefaultHttpRequest request;
        if (refusal.method() == null) {
            // The request line itself was refused: Netty's own stand-in for an invalid message.
            request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request");
        } else {
            HttpVersion version = refusal.minor() == 0 ? HttpVersion.HTTP_1_0
                    : refusal.minor() == 1 ? HttpVersion.HTTP_1_1 : new HttpVersion("HTTP", 1, refusal.minor(), true);
            request = new DefaultFullHttpRequest(version, HttpMethod.valueOf(refusal.method()), refusal.target());
        }
        request.setDecoderResult(failure);
        return request;
    }
}
