package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Body pieces merged into one: bytes and order kept, the read buffers they pinned let go. */
class BodyPiecesTest {

    private static HttpContent piece(ByteBuf readBuffer, int offset, int length, boolean last) {
        ByteBuf slice = readBuffer.retainedSlice(offset, length);
        return last ? new DefaultLastHttpContent(slice) : new DefaultHttpContent(slice);
    }

    @Test
    void aRunOfOneBytePiecesBecomesOnePieceAndFreesTheReadBuffers() {
        List<ByteBuf> reads = new ArrayList<>();
        List<HttpContent> pieces = new ArrayList<>();
        String text = "0123456789";
        for (int i = 0; i < text.length(); i++) {
            ByteBuf read = Unpooled.buffer(2048).writeBytes(text.substring(i, i + 1).getBytes(StandardCharsets.US_ASCII));
            reads.add(read);
            pieces.add(piece(read, 0, 1, i == text.length() - 1));
            read.release(); // the codec's own reference is gone; the piece holds the buffer
        }
        assertEquals(1, BodyPieces.merge(pieces, 2, pieces.size(), UnpooledByteBufAllocator.DEFAULT));
        assertEquals(3, pieces.size());
        assertEquals("0", pieces.get(0).content().toString(StandardCharsets.US_ASCII));
        assertEquals("23456789", pieces.get(2).content().toString(StandardCharsets.US_ASCII));
        assertInstanceOf(LastHttpContent.class, pieces.get(2), "the range ended the body: so does the merged piece");
        for (int i = 2; i < reads.size(); i++) {
            assertEquals(0, reads.get(i).refCnt(), "read buffer " + i + " is free");
        }
        assertEquals(1, reads.get(0).refCnt(), "outside the range nothing changed");
        pieces.forEach(HttpContent::release);
    }

    @Test
    void aRangeOfOneIsLeftAlone() {
        List<HttpContent> pieces = new ArrayList<>(List.of(new DefaultHttpContent(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII))));
        HttpContent only = pieces.get(0);
        assertEquals(1, BodyPieces.merge(pieces, 0, 1, UnpooledByteBufAllocator.DEFAULT));
        assertEquals(only, pieces.get(0));
        only.release();
    }
}
