package dev.ferry.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.function.BiConsumer;

/**
 * TCP_CORK on the upstream connection while a request body pours in.
 *
 * <p>Why: sockets run with Nagle off (nginx's tcp_nodelay), so every write ends in a segment of
 * its own. A body arrives in reads of up to 64 KiB and went out in writes of the same size; where
 * the path's MSS is close to that (loopback's is 65,483 bytes; jumbo frames) each write became
 * one full segment and one of a few dozen bytes: twice the segments, each with its own trip
 * through both stacks, its own wake-up of the upstream and its own ACK. Corked, the kernel sends
 * full segments only. HAProxy gets the same from MSG_MORE.
 *
 * <p>When: a read batch of {@link #BIG_BATCH} or more most likely left more in the client's
 * socket, so the connection is corked before that batch is flushed; a smaller batch (a client
 * that trickles) and the body's last batch are sent uncorked, at once. What a cork holds back is
 * less than one segment, and the kernel sends it after 200 ms at the latest. A connection goes
 * back to the pool uncorked.
 *
 * <p>Why only request bodies: the client is read again only once the upstream took the last
 * batch (back-pressure), so a cork set or cleared here never overtakes a write that io_uring has
 * queued but not yet made. Response bodies read ahead of their writes; corked the same way (with
 * the cork cleared once the last write completed) they left in 30 segments per MiB instead of
 * 46, but the proxy's kernel time per 1 MiB GET rose (470–566 µs against 410–445, W3 by hand)
 * and W2 did not move: not kept.
 *
 * <p>NIO has no TCP_CORK: there the writes go out as before.
 */
final class BodyCork {

    static final int BIG_BATCH = 16 * 1024;

    private final BiConsumer<Channel, Boolean> cork;
    /** Body bytes written since the last flush: the client's last read batch. */
    private long batch;
    private boolean on;

    BodyCork() {
        this(BodyCork::setOption);
    }

    /** @param cork sets TCP_CORK on a channel (tests record the calls) */
    BodyCork(BiConsumer<Channel, Boolean> cork) {
        this.cork = cork;
    }

    /** Body bytes were written to the upstream (not flushed yet). */
    void written(int bytes) {
        batch += bytes;
    }

    /** Before the flush of one read batch: cork while big batches keep coming, uncork otherwise. */
    void flushing(Channel upstream, boolean bodyComplete) {
        boolean wanted = !bodyComplete && batch >= BIG_BATCH;
        batch = 0;
        if (wanted != on) {
            on = wanted;
            cork.accept(upstream, wanted);
        }
    }

    /** The exchange is done with {@code upstream}: uncorked if it was, for the next user of the connection. */
    void release(Channel upstream) {
        batch = 0;
        if (on) {
            on = false;
            cork.accept(upstream, false);
        }
    }

    /** Another connection takes over (a retry): it starts uncorked. */
    void reset() {
        batch = 0;
        on = false;
    }

    static void setOption(Channel channel, boolean on) {
        ChannelOption<Boolean> option = option(channel);
        if (option != null && channel.isActive()) {
            try {
                channel.config().setOption(option, on);
            } catch (ChannelException e) {
                // The connection broke under us (reset): the write that follows fails and is
                // handled as the upstream's failure; the cork itself is no reason to fail.
            }
        }
    }

    private static ChannelOption<Boolean> option(Channel channel) {
        if (channel instanceof IoUringSocketChannel) {
            return IoUringChannelOption.TCP_CORK;
        }
        if (channel instanceof EpollSocketChannel) {
            return EpollChannelOption.TCP_CORK;
        }
        return null;
    }
}
