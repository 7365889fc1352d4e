package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The encoder writes the bytes Netty's HttpResponseEncoder writes, and releases what it is given. */
class ResponseEncoderTest {

    private static final String SMALL = "hello, world\n";
    private static final String LARGE = "x".repeat(ResponseEncoder.COPY_BODY * 2 + 17);

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("full, small body", (Supplier<List<Object>>) () -> List.of(
                        full(200, SMALL, false))),
                Arguments.of("full, large body", (Supplier<List<Object>>) () -> List.of(
                        full(200, LARGE, false))),
                Arguments.of("full, empty body", (Supplier<List<Object>>) () -> List.of(
                        full(200, "", false))),
                Arguments.of("full, chunked, small", (Supplier<List<Object>>) () -> List.of(
                        full(200, SMALL, true))),
                Arguments.of("full, chunked, large", (Supplier<List<Object>>) () -> List.of(
                        full(200, LARGE, true))),
                Arguments.of("full, chunked, empty", (Supplier<List<Object>>) () -> List.of(
                        full(200, "", true))),
                Arguments.of("chunked pieces", (Supplier<List<Object>>) () -> List.of(
                        head(200, true), piece(SMALL), piece(LARGE), piece(""), Unpooled.EMPTY_BUFFER,
                        LastHttpContent.EMPTY_LAST_CONTENT)),
                Arguments.of("chunked, last piece with bytes", (Supplier<List<Object>>) () -> List.of(
                        head(200, true), piece(SMALL), last(SMALL, false))),
                Arguments.of("chunked, large last piece", (Supplier<List<Object>>) () -> List.of(
                        head(200, true), last(LARGE, false))),
                Arguments.of("chunked, trailers", (Supplier<List<Object>>) () -> List.of(
                        head(200, true), piece(SMALL), last("", true))),
                Arguments.of("chunked, large last piece and trailers", (Supplier<List<Object>>) () -> List.of(
                        head(200, true), last(LARGE, true))),
                Arguments.of("plain pieces, raw buffers", (Supplier<List<Object>>) () -> List.of(
                        head(200, false), piece(SMALL), bytes(LARGE), Unpooled.EMPTY_BUFFER, last(SMALL, true))),
                Arguments.of("chunked raw buffer", (Supplier<List<Object>>) () -> List.of(
                        head(200, true), bytes(SMALL), LastHttpContent.EMPTY_LAST_CONTENT)),
                Arguments.of("two responses", (Supplier<List<Object>>) () -> List.of(
                        full(404, SMALL, false), head(200, true), piece(SMALL), LastHttpContent.EMPTY_LAST_CONTENT,
                        full(200, SMALL, false))),
                Arguments.of("100 then 200", (Supplier<List<Object>>) () -> List.of(
                        full(100, "", false), full(200, SMALL, false))),
                Arguments.of("204 loses its length and chunking", (Supplier<List<Object>>) () -> List.of(
                        withLengthAndChunked(204), LastHttpContent.EMPTY_LAST_CONTENT)),
                Arguments.of("205 gets a zero length", (Supplier<List<Object>>) () -> List.of(
                        withLengthAndChunked(205), LastHttpContent.EMPTY_LAST_CONTENT)),
                Arguments.of("304 keeps its length, sends no body", (Supplier<List<Object>>) () -> List.of(
                        withLengthAndChunked(304), piece(SMALL), LastHttpContent.EMPTY_LAST_CONTENT)),
                Arguments.of("chunked last of several codings, name in lowercase", (Supplier<List<Object>>) () -> {
                    HttpHeaders h = fields(200, false);
                    h.add("transfer-encoding", "gzip, Chunked");
                    return List.of(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, h),
                            piece(SMALL), LastHttpContent.EMPTY_LAST_CONTENT);
                }),
                Arguments.of("a Transfer-Encoding without chunked", (Supplier<List<Object>>) () -> {
                    HttpHeaders h = fields(200, false);
                    h.add(ResponseHeads.TRANSFER_ENCODING, "gzip");
                    h.add("X-Chunked", "chunked");
                    return List.of(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, h),
                            piece(SMALL), LastHttpContent.EMPTY_LAST_CONTENT);
                }),
                Arguments.of("101 without a WebSocket version", (Supplier<List<Object>>) () -> List.of(
                        head(101, false), bytes(SMALL))),
                Arguments.of("Netty's headers, odd characters, own reason", (Supplier<List<Object>>) () -> {
                    HttpHeaders h = new DefaultHttpHeaders(false);
                    h.add("X-Latin", "caf\u00e9");
                    h.add("X-Wide", "\u4e2d\u6587");
                    h.add("Content-Length", "0");
                    return List.of(new DefaultFullHttpResponse(HttpVersion.HTTP_1_0,
                            new HttpResponseStatus(499, "Client Closed"), Unpooled.buffer(0), h,
                            new DefaultHttpHeaders(false)));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void writesWhatNettyWrites(String name, Supplier<List<Object>> messages) {
        List<Object> ours = messages.get();
        String expected = EncoderHarness.encode(new HttpResponseEncoder(), messages.get());
        assertEquals(expected, EncoderHarness.encode(new ResponseEncoder(), ours));
        EncoderHarness.assertReleased(name, ours);
    }

    @Test
    void aBodyBeforeAHeadIsRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseEncoder());
        ByteBuf body = Unpooled.copiedBuffer(SMALL, StandardCharsets.US_ASCII);
        assertThrows(EncoderException.class, () -> channel.writeOutbound(new DefaultHttpContent(body)));
        assertEquals(0, body.refCnt());
    }

    @Test
    void aHeadInsideABodyIsRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseEncoder());
        channel.writeOutbound(head(200, true));
        ((ByteBuf) channel.readOutbound()).release();
        assertThrows(EncoderException.class, () -> channel.writeOutbound(head(200, false)));
    }

    private static HttpHeaders fields(int status, boolean chunked) {
        HttpHeaders h = new HeaderList();
        h.add(ResponseHeads.SERVER, "ferry");
        h.add("Content-Type", "text/plain");
        if (chunked) {
            h.add(ResponseHeads.TRANSFER_ENCODING, "chunked");
        }
        h.add("X-Status", Integer.toString(status));
        return h;
    }

    private static DefaultFullHttpResponse full(int status, String body, boolean chunked) {
        HttpHeaders h = fields(status, chunked);
        if (!chunked) {
            h.add(ResponseHeads.CONTENT_LENGTH, Integer.toString(body.length()));
        }
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII), h, new HeaderList(0));
    }

    private static DefaultHttpResponse head(int status, boolean chunked) {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), fields(status, chunked));
    }

    private static DefaultHttpResponse withLengthAndChunked(int status) {
        HttpHeaders h = fields(status, true);
        h.add(ResponseHeads.CONTENT_LENGTH, "13");
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), h);
    }

    private static DefaultHttpContent piece(String s) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static DefaultLastHttpContent last(String s, boolean trailers) {
        DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
        if (trailers) {
            last.trailingHeaders().add("X-Checksum", "abc");
            last.trailingHeaders().add("X-Count", "2");
        }
        return last;
    }
}
