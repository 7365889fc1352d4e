package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request encoder writes the bytes Netty's HttpRequestEncoder writes for an origin-form
 * target, and a target's bytes as they came where Netty wrote them as UTF-8.
 */
class RequestEncoderTest {

    private static final String SMALL = "name=value&x=1\n";
    private static final String LARGE = "y".repeat(MessageEncoder.COPY_BODY * 2 + 5);

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("GET without a body", (Supplier<List<Object>>) () -> List.of(
                        full(HttpMethod.GET, "/a/b?c=d", "", false))),
                Arguments.of("HEAD, HTTP/1.0", (Supplier<List<Object>>) () -> List.of(
                        new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.HEAD, "/", Unpooled.buffer(0),
                                fields(false), new HeaderList(0)))),
                Arguments.of("POST, small body", (Supplier<List<Object>>) () -> List.of(
                        full(HttpMethod.POST, "/form", SMALL, false))),
                Arguments.of("POST, large body", (Supplier<List<Object>>) () -> List.of(
                        full(HttpMethod.POST, "/upload", LARGE, false))),
                Arguments.of("PUT, streamed pieces", (Supplier<List<Object>>) () -> List.of(
                        head(HttpMethod.PUT, "/p", false), piece(SMALL), piece(LARGE), Unpooled.EMPTY_BUFFER,
                        last(SMALL, false))),
                Arguments.of("chunked pieces and trailers", (Supplier<List<Object>>) () -> List.of(
                        head(HttpMethod.POST, "/c", true), piece(SMALL), piece(LARGE), piece(""),
                        last("", true))),
                Arguments.of("chunked, nothing but the end", (Supplier<List<Object>>) () -> List.of(
                        head(HttpMethod.POST, "/c", true), LastHttpContent.EMPTY_LAST_CONTENT)),
                Arguments.of("an empty target goes as /", (Supplier<List<Object>>) () -> List.of(
                        full(HttpMethod.GET, "", "", false))),
                Arguments.of("an extension method, two requests", (Supplier<List<Object>>) () -> List.of(
                        full(HttpMethod.valueOf("PURGE"), "/cache/x", "", false),
                        full(HttpMethod.DELETE, "/x", SMALL, false))),
                Arguments.of("Netty's headers", (Supplier<List<Object>>) () -> {
                    HttpHeaders h = new DefaultHttpHeaders(false);
                    h.add("Host", "origin");
                    h.add("X-Forwarded-For", "127.0.0.1");
                    return List.of(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/n",
                            Unpooled.buffer(0), h, new DefaultHttpHeaders(false)));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void writesWhatNettyWrites(String name, Supplier<List<Object>> messages) {
        List<Object> ours = messages.get();
        String expected = EncoderHarness.encode(new HttpRequestEncoder(), messages.get());
        assertEquals(expected, EncoderHarness.encode(new RequestEncoder(request -> { }), ours));
        EncoderHarness.assertReleased(name, ours);
    }

    @Test
    void aTargetGoesOutByteForByte() {
        // The request decoder keeps each byte of "/café?q=€" as one char, as Netty's does.
        String raw = new String("/caf\u00e9?q=\u20ac".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String wire = EncoderHarness.encode(new RequestEncoder(request -> { }),
                List.of(full(HttpMethod.GET, raw, "", false)));
        assertEquals("GET " + raw + " HTTP/1.1\r\n", wire.substring(0, wire.indexOf("\r\n") + 2));
    }

    @Test
    void everyRequestHeadIsReported() {
        List<HttpMethod> sent = new ArrayList<>();
        EncoderHarness.encode(new RequestEncoder(request -> sent.add(request.method())), List.of(
                full(HttpMethod.HEAD, "/", "", false), head(HttpMethod.POST, "/", true), piece(SMALL),
                LastHttpContent.EMPTY_LAST_CONTENT, full(HttpMethod.GET, "/", "", false)));
        assertEquals(List.of(HttpMethod.HEAD, HttpMethod.POST, HttpMethod.GET), sent);
    }

    private static HttpHeaders fields(boolean chunked) {
        HttpHeaders h = new HeaderList();
        h.add("Host", "backend");
        h.add("Connection", "");
        if (chunked) {
            h.add(ResponseHeads.TRANSFER_ENCODING, "chunked");
        }
        h.add("User-Agent", "wrk");
        return h;
    }

    private static HttpRequest full(HttpMethod method, String uri, String body, boolean chunked) {
        HttpHeaders h = fields(chunked);
        if (!body.isEmpty()) {
            h.add(ResponseHeads.CONTENT_LENGTH, Integer.toString(body.length()));
        }
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII), h, new HeaderList(0));
    }

    private static HttpRequest head(HttpMethod method, String uri, boolean chunked) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, fields(chunked));
    }

    private static DefaultHttpContent piece(String s) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
    }

    private static DefaultLastHttpContent last(String s, boolean trailers) {
        DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
        if (trailers) {
            last.trailingHeaders().add("X-Checksum", "abc");
        }
        return last;
    }
}
