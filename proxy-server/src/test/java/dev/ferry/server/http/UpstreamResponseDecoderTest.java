package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A response to HEAD has no body whatever its headers say; the next response is read as usual. */
class UpstreamResponseDecoderTest {

    private final UpstreamResponseDecoder decoder = new UpstreamResponseDecoder(new HttpDecoderConfig());
    private final EmbeddedChannel upstream = new EmbeddedChannel(decoder, new RequestEncoder(decoder::sent));

    @Test
    void aResponseToHeadHasNoBodyAndTheNextOneHas() {
        send(HttpMethod.HEAD);
        send(HttpMethod.GET);
        receive("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertEquals(200, head().status().code());
        assertEquals("", lastBody());
        assertEquals(200, head().status().code());
        assertEquals("ok", lastBody());
        assertNull(upstream.readInbound());
    }

    @Test
    void anInterimResponseDoesNotAnswerTheHead() {
        send(HttpMethod.HEAD);
        receive("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertEquals(100, head().status().code());
        assertEquals("", lastBody());
        assertEquals(200, head().status().code());
        assertEquals("", lastBody()); // no chunk expected after a HEAD's head
    }

    @Test
    void withoutHeadTheHeadersDecide() {
        send(HttpMethod.GET);
        receive("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertEquals(200, head().status().code());
        assertEquals("abc", lastBody());
    }

    @Test
    void theStatusCodeIsKeptAndThePhraseIsDropped() {
        send(HttpMethod.GET);
        send(HttpMethod.GET);
        send(HttpMethod.GET);
        receive("HTTP/1.1 200 Fine\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 599 Custom\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.0 404 Gone Away\r\nContent-Length: 0\r\n\r\n");
        HttpResponse fine = head();
        assertEquals(200, fine.status().code());
        assertEquals("OK", fine.status().reasonPhrase(), "Ferry writes its own status line");
        assertEquals("", lastBody());
        assertEquals(599, head().status().code());
        assertEquals("", lastBody());
        HttpResponse old = head();
        assertEquals(404, old.status().code());
        assertEquals(HttpVersion.HTTP_1_0, old.protocolVersion());
        assertEquals("", lastBody());
    }

    private void send(HttpMethod method) {
        upstream.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/"));
        for (ByteBuf b; (b = upstream.readOutbound()) != null; ) {
            b.release();
        }
    }

    private void receive(String bytes) {
        upstream.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    }

    private HttpResponse head() {
        return assertInstanceOf(HttpResponse.class, upstream.readInbound());
    }

    /** The body up to and including the LastHttpContent. */
    private String lastBody() {
        StringBuilder body = new StringBuilder();
        while (true) {
            HttpContent content = assertInstanceOf(HttpContent.class, upstream.readInbound());
            body.append(content.content().toString(StandardCharsets.ISO_8859_1));
            content.release();
            if (content instanceof LastHttpContent) {
                return body.toString();
            }
        }
    }
}
