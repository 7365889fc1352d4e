package dev.ferry.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Keeps the request body pieces an exchange holds (before connecting, or for a retry) few and
 * tight. Each piece the codec hands on is a slice of a socket read buffer: a client that sends
 * its body a byte at a time would otherwise pin one read buffer per byte, thousands of times
 * client_body_buffer_size. nginx copies such bytes into its one client_body_buffer; here runs of
 * pieces are copied into one buffer once there are more than {@link #MAX_PIECES}.
 */
final class BodyPieces {

    /** More kept pieces than this are merged into one. */
    static final int MAX_PIECES = 16;

    private BodyPieces() {
    }

    /**
     * Replaces {@code pieces[from, to)} by one piece holding their bytes (a last content if the
     * range ends with one) and releases them. Returns how many pieces the range became (0 or 1).
     */
    static int merge(List<HttpContent> pieces, int from, int to, ByteBufAllocator alloc) {
        if (to - from <= 1) {
            return to - from;
        }
        int bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += pieces.get(i).content().readableBytes();
        }
        ByteBuf merged = alloc.buffer(bytes, bytes);
        boolean last = false;
        for (int i = from; i < to; i++) {
            HttpContent piece = pieces.get(i);
            merged.writeBytes(piece.content(), piece.content().readerIndex(), piece.content().readableBytes());
            last |= piece instanceof LastHttpContent;
            piece.release();
        }
        pieces.subList(from, to).clear();
        pieces.add(from, last ? new DefaultLastHttpContent(merged) : new DefaultHttpContent(merged));
        return 1;
    }
}
