package dev.ferry.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A listener whose loop was busy while clients queued up accepts them in one pass, not one per pass. */
class AcceptBatchTest {

    private static final int CLIENTS = 20;

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring"})
    void queuedConnectionsAreAcceptedInOneWakeup(String name) throws Exception {
        Transport transport = Transport.choose(name);
        EventLoopGroup loop = transport.newGroup(1, "accept-test");
        List<Integer> batches = new CopyOnWriteArrayList<>();
        CountDownLatch accepted = new CountDownLatch(CLIENTS);
        List<Socket> clients = new ArrayList<>();
        try {
            Channel listener = new ServerBootstrap()
                    .group(loop, loop)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.RCVBUF_ALLOCATOR, AcceptBatch.allocator())
                    .handler(new ChannelInboundHandlerAdapter() {
                        private int inThisWakeup;

                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object child) {
                            inThisWakeup++;
                            ctx.fireChannelRead(child);
                        }

                        @Override
                        public void channelReadComplete(ChannelHandlerContext ctx) {
                            if (inThisWakeup > 0) { // a wakeup that found nothing is no batch
                                batches.add(inThisWakeup);
                            }
                            for (; inThisWakeup > 0; inThisWakeup--) {
                                accepted.countDown();
                            }
                            ctx.fireChannelReadComplete();
                        }
                    })
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) listener.localAddress()).getPort();

            // The loop is busy while the clients connect: the kernel queues them on the listener.
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> {
                busy.countDown();
                awaitQuietly(release);
            });
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new Socket("127.0.0.1", port));
            }
            release.countDown();

            assertTrue(accepted.await(10, TimeUnit.SECONDS), "every queued client is accepted: " + batches);
            assertEquals(CLIENTS, batches.stream().mapToInt(Integer::intValue).sum());
            // One accept per wakeup would make CLIENTS wakeups. The last clients' handshakes may
            // still be completing when the loop wakes, so not necessarily a single batch.
            assertTrue(batches.size() < CLIENTS / 2, "wakeups per accepted connection: " + batches);
            listener.close().sync();
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
