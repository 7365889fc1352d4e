package dev.ferry.server.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens upstream connections on the client's own event loop (so an exchange never crosses
 * threads) and keeps each loop's idle ones in its {@link UpstreamPool}.
 */
public final class UpstreamConnector {

    /** The longest upstream response head, as {@code proxy_buffer_size} bounds it in nginx ("too big header"). */
    private static final int MAX_INITIAL_LINE = 8192;

    private final Class<? extends Channel> channelType;
    private final Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();

    public UpstreamConnector(Class<? extends Channel> channelType) {
        this.channelType = channelType;
    }

    UpstreamPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, UpstreamPool::new);
    }

    /** A new connection; its pipeline decodes HTTP and ends with an {@link UpstreamChannel}. */
    ChannelFuture connect(EventLoop loop, SocketAddress peer, Duration connectTimeout, int maxHeaderSize) {
        return new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                // TCP_NODELAY is Netty's default (see FerryServer): not set a second time.
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        UpstreamResponseDecoder decoder = new UpstreamResponseDecoder(new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                                .setMaxHeaderSize(maxHeaderSize)
                                .setMaxChunkSize(65536)
                                .setHeadersFactory(HeaderList.UPSTREAM)
                                .setTrailersFactory(HeaderList.UPSTREAM_TRAILERS));
                        // Two handlers rather than HttpClientCodec: one hop fewer each way, and
                        // the request written as nginx writes it (RequestEncoder).
                        ch.pipeline().addLast("response", decoder);
                        ch.pipeline().addLast("request", new RequestEncoder(decoder::sent));
                        ch.pipeline().addLast("upstream", new UpstreamChannel());
                    }
                })
                .connect(peer);
    }

    /** Closes every idle connection of every loop. */
    public void closeIdle() {
        pools.forEach((loop, pool) -> loop.execute(pool::closeAll));
    }
}
