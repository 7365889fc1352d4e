package dev.ferry.server.http;

import dev.ferry.server.http.strict.RequestGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * After a 101, the client and the upstream talk their own protocol: both HTTP codecs come out
 * and bytes are relayed as they are, each side read only after the other side took the last
 * bytes, until either side closes.
 */
final class Tunnel {

    private Tunnel() {
    }

    static void join(Channel client, Channel upstream, Runnable closed) {
        Relay toUpstream = new Relay(upstream, closed);
        Relay toClient = new Relay(client, closed);
        // The relay goes right after the codec, so bytes the codec still holds reach it on removal.
        client.pipeline().addAfter(client.pipeline().context(HttpRequestDecoder.class).name(), "tunnel", toUpstream);
        client.pipeline().remove(HttpRequestDecoder.class);
        client.pipeline().remove(ResponseEncoder.class);
        if (client.pipeline().get(RequestGuard.class) != null) {
            client.pipeline().remove(RequestGuard.class); // tunnel bytes are not HTTP requests
        }
        upstream.pipeline().addAfter(upstream.pipeline().context(UpstreamResponseDecoder.class).name(), "tunnel", toClient);
        upstream.pipeline().remove(UpstreamResponseDecoder.class);
        upstream.pipeline().remove(RequestEncoder.class);
        client.read();
        upstream.read();
    }

    /** Writes what one side reads to the other. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        private final Runnable closed;

        Relay(Channel peer, Runnable closed) {
            this.peer = peer;
            this.closed = closed;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf)) {
                // The codec's last words (the 101's empty LastHttpContent) are not tunnel bytes.
                ReferenceCountUtil.release(msg);
                return;
            }
            peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.read();
                } else {
                    ctx.close();
                    peer.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            closed.run();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
