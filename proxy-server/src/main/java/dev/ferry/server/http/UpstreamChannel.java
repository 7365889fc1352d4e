package dev.ferry.server.http;

import dev.ferry.server.vars.LoopClock;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of every upstream connection: it forwards events to the connection's
 * current {@link UpstreamListener}, so one connection can serve many exchanges in turn, and
 * counts what the connection has done for keepalive_requests and keepalive_time.
 */
final class UpstreamChannel extends ChannelInboundHandlerAdapter {

    static final AttributeKey<UpstreamChannel> KEY = AttributeKey.valueOf("ferry.upstream");

    private final long createdNanos = LoopClock.nanoTime();
    private UpstreamListener listener;
    private long requests;

    static UpstreamChannel of(Channel channel) {
        return channel.attr(KEY).get();
    }

    void owner(UpstreamListener listener) {
        this.listener = listener;
    }

    long createdNanos() {
        return createdNanos;
    }

    long requests() {
        return requests;
    }

    void requestSent() {
        requests++;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(KEY).set(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener != null && msg instanceof HttpObject http) {
            listener.upstreamRead(http);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamInactive();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (listener != null) {
            listener.upstreamException(cause);
        } else {
            ctx.close();
        }
    }
}
