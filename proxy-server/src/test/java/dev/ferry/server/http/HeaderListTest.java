package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HeaderList answers every question as Netty's DefaultHttpHeaders (without validation) does. */
class HeaderListTest {

    private static final String[] NAMES = {"Host", "host", "X-Forwarded-For", "Transfer-Encoding", "Set-Cookie", "SET-COOKIE"};
    private static final String[] VALUES = {"a", "chunked", "gzip, chunked", " Chunked ", "x,", "", "b, c"};

    @Test
    void randomEditsLeaveTheSameHeadersAsDefaultHttpHeaders() {
        Random random = new Random(8);
        for (int round = 0; round < 500; round++) {
            HttpHeaders mine = new HeaderList(1);
            HttpHeaders netty = new DefaultHttpHeaders(false);
            for (int op = 0; op < 20; op++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                String value = VALUES[random.nextInt(VALUES.length)];
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        mine.add(name, value);
                        netty.add(name, value);
                    }
                    case 2 -> {
                        mine.set(AsciiString.of(name), value);
                        netty.set(AsciiString.of(name), value);
                    }
                    default -> {
                        mine.remove(name);
                        netty.remove(name);
                    }
                }
                assertSame(netty, mine);
            }
        }
    }

    private static void assertSame(HttpHeaders expected, HttpHeaders actual) {
        assertEquals(fields(expected), fields(actual));
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.isEmpty(), actual.isEmpty());
        assertEquals(entries(expected), entries(actual));
        for (String name : NAMES) {
            assertEquals(expected.get(name), actual.get(name), name);
            assertEquals(expected.getAll(name), actual.getAll(name), name);
            assertEquals(expected.contains(name), actual.contains(AsciiString.of(name)), name);
            for (String value : List.of("chunked", "CHUNKED", "b", "x", "")) {
                assertEquals(expected.containsValue(name, value, true), actual.containsValue(name, value, true), name + " " + value);
                assertEquals(expected.containsValue(name, value, false), actual.containsValue(name, value, false), name + " " + value);
                assertEquals(expected.contains(name, value, true), actual.contains(name, value, true), name + " " + value);
            }
        }
    }

    private static List<String> entries(HttpHeaders headers) {
        return headers.entries().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    private static List<String> fields(HttpHeaders headers) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            out.add(e.getKey() + ": " + e.getValue());
        }
        return out;
    }

    @Test
    void numbersAndMissingNames() {
        HttpHeaders headers = new HeaderList();
        headers.set("Content-Length", 42);
        headers.addInt("X-Int", 7);
        assertEquals("42", headers.get("content-length"));
        assertEquals(7, headers.getInt("x-int"));
        assertEquals(-1, headers.getInt("x-none", -1));
        assertNull(headers.get("x-none"));
        assertFalse(headers.contains("x-none"));
        assertTrue(headers.names().contains("Content-Length"));
        assertEquals(entries(headers), entries(headers.copy()));
    }

    @Test
    void upstreamHeadsAreRefusedAsNginxRefusesThem() {
        HttpHeaders upstream = HeaderList.UPSTREAM.newHeaders();
        upstream.add("X@Odd{Name}", "passed, as nginx passes it");
        upstream.add("X-Control", "\u0001 is not NUL");
        assertEquals(2, upstream.size());
        assertThrows(IllegalArgumentException.class, () -> upstream.add("", "v"));
        assertThrows(IllegalArgumentException.class, () -> upstream.add("X\u0001", "v"));
        assertThrows(IllegalArgumentException.class, () -> upstream.add("X\u007f", "v"));
        assertThrows(IllegalArgumentException.class, () -> upstream.add("X-Nul", "a\u0000b"));
        HttpHeaders plain = HeaderList.FACTORY.newEmptyHeaders();
        plain.add("X-Nul", "a\u0000b"); // client heads were checked before the codec
        assertEquals(1, plain.size());
    }

    @Test
    void encodesAsDefaultHttpHeadersDo() {
        HttpHeaders mine = new HeaderList();
        HttpHeaders netty = new DefaultHttpHeaders(false);
        for (HttpHeaders h : List.of(mine, netty)) {
            h.add("Server", "ferry");
            h.add("Transfer-Encoding", "chunked");
            h.add("Set-Cookie", "a=1");
            h.add("Set-Cookie", "b=2");
        }
        assertEquals(encode(netty), encode(mine));
    }

    private static String encode(HttpHeaders headers) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer("body", StandardCharsets.US_ASCII), headers, new DefaultHttpHeaders(false)));
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            out.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        channel.finishAndReleaseAll();
        return out.toString();
    }
}
