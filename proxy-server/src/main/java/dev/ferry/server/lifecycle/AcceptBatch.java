package dev.ferry.server.lifecycle;

import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannelRecvByteBufAllocator;

/**
 * How many connections a listener accepts each time its event loop finds it ready.
 *
 * <p>Netty's default for a server channel is one, as nginx's {@code multi_accept off}; but a
 * pass of a Netty loop over its ready connections is long where nginx's is short, so one accept
 * per pass starved the accept queue: with 1,000 busy keep-alive clients it drained at about 70
 * connections a second, and a new client waited seconds for its first response (the benchmark's
 * W5, p99 0.7–8 s). A batch of {@value #SIZE} (HAProxy's {@code tune.maxaccept}) empties a burst
 * in a few passes and still lets the established connections run between batches.
 */
final class AcceptBatch {

    static final int SIZE = 64;

    private AcceptBatch() {
    }

    static RecvByteBufAllocator allocator() {
        ServerChannelRecvByteBufAllocator allocator = new ServerChannelRecvByteBufAllocator();
        allocator.maxMessagesPerRead(SIZE);
        // An accept yields a descriptor, not a byte count: Netty's "maybe more to read" guess
        // (as many bytes read as attempted) would end every batch after its first connection.
        allocator.respectMaybeMoreData(false);
        return allocator;
    }
}
