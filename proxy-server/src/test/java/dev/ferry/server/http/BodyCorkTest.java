package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.server.lifecycle.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the upstream is corked while a body streams, and that the option reaches the socket. */
class BodyCorkTest {

    private final List<Boolean> calls = new ArrayList<>();
    private final Channel upstream = new EmbeddedChannel();
    private final BodyCork cork = new BodyCork((channel, on) -> {
        assertTrue(channel == upstream);
        calls.add(on);
    });

    private void batch(int... pieces) {
        for (int n : pieces) {
            cork.written(n);
        }
    }

    @Test
    void bigBatchesCorkOnceAndTheLastBatchUncorks() {
        batch(65536);
        cork.flushing(upstream, false);
        batch(40000, 25536); // one read batch in two buffers
        cork.flushing(upstream, false);
        batch(65536);
        cork.flushing(upstream, true);
        assertEquals(List.of(true, false), calls);
    }

    @Test
    void aTricklingClientIsNeverCorked() {
        for (int i = 0; i < 5; i++) {
            batch(BodyCork.BIG_BATCH - 1);
            cork.flushing(upstream, false);
        }
        cork.flushing(upstream, true);
        assertEquals(List.of(), calls);
    }

    @Test
    void aSmallBatchAfterBigOnesGoesOutAtOnce() {
        batch(BodyCork.BIG_BATCH);
        cork.flushing(upstream, false);
        batch(100);
        cork.flushing(upstream, false);
        batch(BodyCork.BIG_BATCH);
        cork.flushing(upstream, false);
        assertEquals(List.of(true, false, true), calls);
    }

    @Test
    void aConnectionGoesBackToThePoolUncorked() {
        batch(65536);
        cork.flushing(upstream, false);
        cork.release(upstream); // the response ended before the body's last flush
        cork.release(upstream);
        assertEquals(List.of(true, false), calls);
    }

    @Test
    void aNewConnectionStartsUncorked() {
        batch(65536);
        cork.flushing(upstream, false);
        cork.reset(); // the corked one failed and is closed: a retry connects afresh
        batch(65536);
        cork.flushing(upstream, true);
        assertEquals(List.of(true), calls);
    }

    /** The option really reaches the socket on both native transports; NIO has none and is left alone. */
    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void theOptionReachesTheSocket(String name) throws Exception {
        Transport transport = Transport.choose(name);
        EventLoopGroup group = transport.newGroup(1, "cork-test");
        try {
            Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childHandler(new ChannelHandlerAdapter() { })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            Channel client = new Bootstrap().group(group).channel(transport.socketChannel())
                    .handler(new ChannelHandlerAdapter() { })
                    .connect(server.localAddress()).sync().channel();
            ChannelOption<Boolean> option = switch (transport.name()) {
                case "io_uring" -> IoUringChannelOption.TCP_CORK;
                case "epoll" -> EpollChannelOption.TCP_CORK;
                default -> null;
            };
            BodyCork.setOption(client, true);
            if (option != null) {
                assertTrue(client.config().getOption(option), transport.name());
                BodyCork.setOption(client, false);
                assertFalse(client.config().getOption(option), transport.name());
            }
            client.close().sync();
            BodyCork.setOption(client, true); // a closed connection: nothing to set, nothing thrown
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
