package dev.ferry.server.http.strict;

import dev.ferry.server.config.ServerSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.LongConsumer;

/**
 * Sits before the HTTP codec and lets through only the bytes {@link RequestScanner} accepts,
 * one request at a time.
 *
 * <p>At the first refused byte it passes the accepted ones on, then — in their place, after the
 * requests before it — a failed message that carries the {@link Refusal}: a failed request
 * when the head was refused, a failed last content when the body was (as Netty's own decoder
 * reports an invalid chunk). Whatever the client sends after that is dropped; the connection
 * answers and closes.
 *
 * <p>Pipelined requests are handed on as nginx reads them: the bytes after the end of a
 * request wait here until the connection asks to read again (it does once the request is
 * answered), so the codec never holds decoded requests nobody has asked for (Netty's own
 * limit would close the connection after 128 of them) and what waits is at most the bytes of
 * one socket read.
 */
public final class RequestGuard extends ChannelDuplexHandler {

    private final RequestScanner scanner;
    /** Told of every read of raw bytes, before they are scanned (the connection's header timer). */
    private final Runnable bytesArrived;
    /** Told the size of each request head, before the codec hands the request on. */
    private final LongConsumer headScanned;
    /** Bytes past the end of the last request handed on, until the connection reads again. */
    private ByteBuf held;
    /** A request was handed on whole: nothing more goes on until the connection reads again. */
    private boolean paused;
    private boolean refused;
    private boolean deliveryScheduled;

    /** @param header the listen address's default server settings: the longest header line */
    public RequestGuard(ServerSettings header) {
        this(header, () -> { }, bytes -> { });
    }

    /**
     * @param header       the listen address's default server settings: the longest header line
     * @param bytesArrived told of every read of raw bytes (one handler fewer for every read)
     * @param headScanned  told the size of each request head as it ended (for {@code $request_length}),
     *                     before that request is handed on; one at a time, as requests are
     */
    public RequestGuard(ServerSettings header, Runnable bytesArrived, LongConsumer headScanned) {
        this.bytesArrived = bytesArrived;
        this.headScanned = headScanned;
        scanner = new RequestScanner((int) header.largeHeaderBufferSize(), RequestScanner.MAX_FIELDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        bytesArrived.run();
        if (refused) {
            in.release();
            return;
        }
        if (held == null) {
            held = in;
        } else {
            // One read() can bring several buffers; what is held only grows within that read.
            CompositeByteBuf both = ctx.alloc().compositeBuffer(2);
            both.addComponents(true, held, in);
            held = both;
        }
        if (!paused) {
            deliver(ctx);
        }
    }

    /** Hands on the held bytes up to the end of the next request (or the refused byte). */
    private void deliver(ChannelHandlerContext ctx) {
        ByteBuf in = held;
        held = null;
        int taken = scanner.feed(in);
        long head = scanner.takeHeadBytes();
        if (head >= 0) {
            headScanned.accept(head);
        }
        Refusal refusal = scanner.refusal();
        paused = scanner.stoppedAtRequestEnd();
        if (refusal == null && taken == in.readableBytes()) {
            ctx.fireChannelRead(in);
            return;
        }
        if (taken > 0) {
            ctx.fireChannelRead(in.retainedSlice(in.readerIndex(), taken));
        }
        if (refusal != null) {
            refused = true;
            in.release();
            ctx.fireChannelRead(refusedMessage(refusal));
            return;
        }
        in.skipBytes(taken);
        held = in; // the next request's bytes: they go on when the connection reads again
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        paused = false;
        if (held == null) {
            ctx.read();
            return;
        }
        // The bytes are already here: this read is served from them, as a socket read would be,
        // from the event loop (never inside the caller's own code).
        if (!deliveryScheduled) {
            deliveryScheduled = true;
            ctx.executor().execute(() -> {
                deliveryScheduled = false;
                if (held != null && !paused && !ctx.isRemoved()) {
                    deliver(ctx);
                    ctx.fireChannelReadComplete();
                }
            });
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // Removed for a tunnel (after a 101): bytes the client sent early belong to the new protocol.
        ByteBuf rest = held;
        held = null;
        if (rest != null) {
            if (refused) {
                rest.release();
            } else {
                ctx.fireChannelRead(rest);
                ctx.fireChannelReadComplete();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (held != null) {
            held.release();
            held = null;
        }
        super.channelInactive(ctx);
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
