package dev.ferry.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes HTTP/1.x messages as Netty's HttpObjectEncoder does — a head, then the body as it is or
 * in chunks — but assembles a head in one per-loop array and copies it into the socket's buffer
 * at once: Netty's encoder made four small writes into the direct buffer per field, about a
 * tenth of the loop's Java time on small messages. A short body goes into the same buffer, so a
 * small message is one write. The subclasses write the start line ({@link ResponseEncoder},
 * {@link RequestEncoder}).
 */
abstract class MessageEncoder extends ChannelOutboundHandlerAdapter {

    /** A body up to this size is copied behind its head: one buffer, one write. */
    static final int COPY_BODY = 2048;
    static final byte[] CRLF = {'\r', '\n'};
    private static final AsciiString TRANSFER_ENCODING = HttpHeaderNames.TRANSFER_ENCODING;
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    private static final ByteBuf LAST_CHUNK_BUF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(LAST_CHUNK.length).writeBytes(LAST_CHUNK)).asReadOnly();
    /** Each event loop's scratch array for heads (a connection keeps none). */
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    /** Where the message being written is: its head next, or a body of one of three kinds. */
    enum State { HEAD, PLAIN, CHUNKED, EMPTY }

    private State state = State.HEAD;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg == Unpooled.EMPTY_BUFFER) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf out;
        try {
            out = encode(ctx, msg); // releases msg, also when it throws
        } catch (EncoderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EncoderException(e); // the context fails the promise with it
        }
        ctx.write(out, promise);
    }

    /** The bytes of {@code msg}; {@code msg} is released (its body, if any, lives on in the result). */
    private ByteBuf encode(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpMessage message) {
            try {
                if (state != State.HEAD) {
                    throw new IllegalStateException("unexpected message type: " + msg.getClass().getSimpleName()
                            + " while a body is being written");
                }
                Scratch head = SCRATCH.get().reset();
                State body = head(message, head);
                if (msg instanceof LastHttpContent last) { // a full message too
                    return bodyAndEnd(ctx, body, head, last.content(), last.trailingHeaders());
                }
                state = body;
                return msg instanceof HttpContent content ? bodyPiece(ctx, body, head, content.content())
                        : head.copyTo(ctx, null);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        if (state == State.HEAD) {
            if (msg instanceof ByteBuf buf && !buf.isReadable()) {
                return buf;
            }
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("unexpected message type: " + msg.getClass().getSimpleName()
                    + " before a message head");
        }
        if (msg instanceof HttpContent content) {
            try {
                if (msg instanceof LastHttpContent last) {
                    State body = state;
                    state = State.HEAD;
                    return bodyAndEnd(ctx, body, null, content.content(), last.trailingHeaders());
                }
                return bodyPiece(ctx, state, null, content.content());
            } finally {
                content.release();
            }
        }
        if (msg instanceof ByteBuf buf) {
            try {
                return buf.isReadable() ? bodyPiece(ctx, state, null, buf) : buf.retain();
            } finally {
                buf.release();
            }
        }
        ReferenceCountUtil.release(msg);
        throw new IllegalStateException("unexpected message type: " + msg.getClass().getSimpleName());
    }

    /**
     * Writes the head of {@code message} into {@code out}, ending with its empty line.
     *
     * @return how the body follows: {@link State#EMPTY}, {@link State#PLAIN} or {@link State#CHUNKED}
     */
    abstract State head(HttpMessage message, Scratch out);

    /** A body piece that does not end the body; {@code head} (may be null) goes first. */
    private static ByteBuf bodyPiece(ChannelHandlerContext ctx, State state, Scratch head, ByteBuf body) {
        int n = body.readableBytes();
        if (state == State.EMPTY || n == 0) {
            return head == null ? Unpooled.EMPTY_BUFFER : head.copyTo(ctx, null);
        }
        if (state == State.PLAIN) {
            return head == null ? body.retain() : head.copyTo(ctx, body);
        }
        return chunk(ctx, head, body, false, null);
    }

    /** The last piece of a body (possibly empty) and its end: in chunks, the last chunk and trailers. */
    private static ByteBuf bodyAndEnd(ChannelHandlerContext ctx, State state, Scratch head, ByteBuf body,
            HttpHeaders trailers) {
        if (state != State.CHUNKED) {
            return bodyPiece(ctx, state, head, body);
        }
        if (head == null && !body.isReadable() && (trailers == null || trailers.isEmpty())) {
            return LAST_CHUNK_BUF.duplicate(); // the usual end of a chunked body: nothing to assemble
        }
        return chunk(ctx, head, body, true, trailers);
    }

    /**
     * {@code body} as a chunk behind {@code head} (may be null), and for the last piece the last
     * chunk and trailers. A short piece is copied in; a long one is joined between the frame's
     * start and its end without a copy.
     */
    private static ByteBuf chunk(ChannelHandlerContext ctx, Scratch head, ByteBuf body, boolean last,
            HttpHeaders trailers) {
        Scratch out = head != null ? head : SCRATCH.get().reset();
        int n = body.readableBytes();
        ByteBuf start = null;
        if (n > 0) {
            out.hex(n).bytes(CRLF);
            if (n <= COPY_BODY) {
                out.body(body);
            } else {
                start = out.copyTo(ctx, null);
                out.reset(); // the one scratch array: its bytes are in start now
            }
            out.bytes(CRLF);
        }
        if (last) {
            lastChunk(out, trailers);
        }
        ByteBuf rest = out.copyTo(ctx, null);
        return start == null ? rest
                : ctx.alloc().compositeDirectBuffer(3).addComponents(true, start, body.retain(), rest);
    }

    private static void lastChunk(Scratch out, HttpHeaders trailers) {
        if (trailers == null || trailers.isEmpty()) {
            out.bytes(LAST_CHUNK);
            return;
        }
        out.bytes(LAST_CHUNK, 0, 3);
        fields(trailers, out);
        out.bytes(CRLF);
    }

    /**
     * Writes the fields of {@code headers}, and says on the way whether a Transfer-Encoding field
     * lists "chunked" (Netty's HttpUtil.isTransferEncodingChunked, without a second scan).
     */
    static boolean fields(HttpHeaders headers, Scratch out) {
        boolean chunked = false;
        if (headers instanceof HeaderList list) {
            for (int i = 0, n = list.size(); i < n; i++) {
                chunked |= out.field(list.nameAt(i), list.valueAt(i));
            }
            return chunked;
        }
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> field = it.next();
            chunked |= out.field(field.getKey(), field.getValue());
        }
        return chunked;
    }

    /** The body state of a message that may have one: chunked if its fields said so. */
    static State body(boolean chunked) {
        return chunked ? State.CHUNKED : State.PLAIN;
    }

    /** {@code first} then {@code second} as one buffer (a composite: nothing is copied). */
    private static ByteBuf append(ChannelHandlerContext ctx, ByteBuf first, ByteBuf second) {
        return ctx.alloc().compositeDirectBuffer(2).addComponents(true, first, second);
    }

    /** A growing byte array on the event loop: a head is assembled here, then copied at once. */
    static final class Scratch {
        private byte[] bytes = new byte[1024];
        private int length;

        Scratch reset() {
            length = 0;
            return this;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        Scratch ascii(char c) {
            room(1);
            bytes[length++] = (byte) c;
            return this;
        }

        Scratch bytes(byte[] b) {
            return bytes(b, 0, b.length);
        }

        Scratch bytes(byte[] b, int from, int n) {
            room(n);
            System.arraycopy(b, from, bytes, length, n);
            length += n;
            return this;
        }

        /** As Netty writes header text: one byte per char, '?' for a char over 255. */
        Scratch text(CharSequence s) {
            if (s instanceof AsciiString a) {
                return bytes(a.array(), a.arrayOffset(), a.length());
            }
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                bytes[length + i] = c > 255 ? (byte) '?' : (byte) c;
            }
            length += n;
            return this;
        }

        /** Writes one field; true if it is a Transfer-Encoding that lists "chunked". */
        boolean field(CharSequence name, CharSequence value) {
            text(name);
            room(2);
            bytes[length++] = ':';
            bytes[length++] = ' ';
            text(value);
            bytes(CRLF);
            return name.length() == TRANSFER_ENCODING.length()
                    && AsciiString.contentEqualsIgnoreCase(name, TRANSFER_ENCODING)
                    && HeaderList.listsToken(value, HttpHeaderValues.CHUNKED, true);
        }

        Scratch hex(int n) {
            return text(Integer.toHexString(n));
        }

        Scratch body(ByteBuf body) {
            int n = body.readableBytes();
            room(n);
            body.getBytes(body.readerIndex(), bytes, length, n);
            length += n;
            return this;
        }

        /**
         * The assembled bytes in a new buffer, with {@code body} behind them: copied in when it is
         * short, else joined without a copy (the body is retained for it). A short body goes
         * through this array: from a slice of a read buffer into the new buffer directly, Netty
         * makes NIO views of both for each copy.
         */
        ByteBuf copyTo(ChannelHandlerContext ctx, ByteBuf body) {
            int n = body == null ? 0 : body.readableBytes();
            if (n > 0 && n <= COPY_BODY) {
                body(body);
                n = 0;
            }
            ByteBuf buf = ctx.alloc().buffer(length);
            buf.writeBytes(bytes, 0, length);
            return n == 0 ? buf : append(ctx, buf, body.retain());
        }
    }
}
