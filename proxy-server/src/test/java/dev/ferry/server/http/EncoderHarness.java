package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCounted;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs messages through an encoder: the bytes it wrote, and whether it released what it took. */
final class EncoderHarness {

    private EncoderHarness() {
    }

    /** The bytes {@code encoder} writes for {@code messages}, one char per byte. */
    static String encode(ChannelHandler encoder, List<Object> messages) {
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        StringBuilder out = new StringBuilder();
        for (Object m : messages) {
            channel.writeOutbound(m);
            for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
                out.append(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
        }
        channel.finishAndReleaseAll();
        return out.toString();
    }

    /** Every message given to an encoder was released (the shared empty ones excepted). */
    static void assertReleased(String name, List<Object> messages) {
        for (Object m : messages) {
            if (m instanceof ReferenceCounted rc && m != Unpooled.EMPTY_BUFFER
                    && m != LastHttpContent.EMPTY_LAST_CONTENT) {
                assertEquals(0, rc.refCnt(), name + ": " + m.getClass().getSimpleName() + " released");
            }
        }
    }
}
