package dev.ferry.server.http.strict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.server.config.ServerSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard in front of the codec, as the client pipeline has them: what the connection handler receives. */
class RequestGuardTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestGuard(ServerSettings.DEFAULTS), StrictCodec.server(ServerSettings.DEFAULTS));
    private final List<ByteBuf> sent = new ArrayList<>();

    private void send(String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
        sent.add(buf);
        channel.writeInbound(buf);
    }

    /** The decoded messages as text; every message is released. */
    private List<String> received() {
        List<String> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            out.add(describe((HttpObject) msg));
            ReferenceCountUtil.release(msg);
        }
        return out;
    }

    private static String describe(HttpObject msg) {
        String failure = msg.decoderResult().isFailure() ? " FAILED(" + msg.decoderResult().cause().getMessage() + ")" : "";
        if (msg instanceof HttpRequest r) {
            return r.method() + " " + r.uri() + " " + r.protocolVersion() + failure;
        }
        String content = ((HttpContent) msg).content().toString(StandardCharsets.ISO_8859_1);
        return (msg instanceof LastHttpContent ? "last[" : "content[") + content + "]" + failure;
    }

    @Test
    void validPipelinedRequestsPassUnchanged() {
        send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("POST /a HTTP/1.1", "last[abc]", "GET /b HTTP/1.1", "last[]"), received());
        channel.finishAndReleaseAll();
        sent.forEach(b -> assertEquals(0, b.refCnt(), "the guard releases or passes on every buffer"));
    }

    @Test
    void aRefusedHeadFollowsTheRequestsBeforeItAndNothingAfterItPasses() {
        send("GET /first HTTP/1.1\r\nHost: h\r\n\r\nGET /second HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\nGET /third HTTP/1.1\r\n");
        send("Host: h\r\n\r\n");
        List<String> got = received();
        assertEquals("GET /first HTTP/1.1", got.get(0));
        assertEquals("last[]", got.get(1));
        assertTrue(got.get(2).startsWith("GET /second HTTP/1.1 FAILED(client sent invalid header line"), got.get(2));
        assertEquals(3, got.size(), "the third request never reaches the connection: " + got);
        channel.finishAndReleaseAll();
        sent.forEach(b -> assertEquals(0, b.refCnt()));
    }

    @Test
    void aRefusedRequestLineIsNettysBadRequestStandIn() {
        send("GET /a\u0000 HTTP/1.1\r\n\r\n");
        Object msg = channel.readInbound();
        HttpRequest request = assertInstanceOf(HttpRequest.class, msg);
        assertEquals("/bad-request", request.uri());
        Refusal refusal = assertInstanceOf(RefusedRequestException.class, request.decoderResult().cause()).refusal();
        assertEquals(400, refusal.status());
        ReferenceCountUtil.release(msg);
        assertNull(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aBrokenChunkEndsTheBodyWithAFailedLastContent() {
        send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabcXX");
        List<String> got = received();
        assertEquals("POST /c HTTP/1.1", got.get(0));
        assertEquals("content[hello]", got.get(1));
        assertEquals("content[abc]", got.get(2));
        assertEquals("last[] FAILED(client sent invalid chunked body)", got.get(3));
        channel.finishAndReleaseAll();
    }

    @Test
    void theVersionAndMethodOfARefusedHeadAreKept() {
        send("DELETE /x HTTP/1.0\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n");
        assertEquals(List.of("DELETE /x HTTP/1.0 FAILED(client sent duplicate header line: \"Content-Length: 1\", "
                + "previous value: \"Content-Length: 1\")"), received());
        channel.finishAndReleaseAll();
    }

    @Test
    void pipelinedRequestsWaitUntilTheConnectionReadsAgain() {
        channel.config().setAutoRead(false);
        send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nab"
                + "GET /3 HTTP/1.1\r\nHo");
        assertEquals(List.of("GET /1 HTTP/1.1", "last[]"), received(), "only the first request is handed on");
        channel.read();
        channel.runPendingTasks();
        assertEquals(List.of("POST /2 HTTP/1.1", "last[ab]"), received(), "a read hands on the next one, body included");
        channel.read();
        channel.runPendingTasks();
        assertEquals(List.of(), received(), "the third head is not complete yet");
        send("st: h\r\n\r\n");
        assertEquals(List.of("GET /3 HTTP/1.1", "last[]"), received());
        channel.finishAndReleaseAll();
        sent.forEach(b -> assertEquals(0, b.refCnt()));
    }

    @Test
    void bytesHeldWhenTheGuardIsRemovedGoOnAsTheyAre() {
        channel.config().setAutoRead(false);
        send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n\u0081\u0000frame");
        assertEquals(List.of("GET /ws HTTP/1.1", "last[]"), received());
        channel.pipeline().remove(io.netty.handler.codec.http.HttpRequestDecoder.class);
        channel.pipeline().remove(RequestGuard.class);
        ByteBuf rest = channel.readInbound();
        assertEquals("\u0081\u0000frame", rest.toString(StandardCharsets.ISO_8859_1), "a tunnel gets the early bytes");
        rest.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void namesNginxOnlyIgnoresReachTheConnection() {
        send("GET / HTTP/1.1\r\nHost: h\r\nX@Y: 1\r\nX_Z: 2\r\n\r\n");
        Object msg = channel.readInbound();
        HttpRequest request = assertInstanceOf(HttpRequest.class, msg);
        assertEquals("1", request.headers().get("X@Y"), "RequestValidator decides with the server's settings");
        assertEquals("2", request.headers().get("X_Z"));
        ReferenceCountUtil.release(msg);
        channel.finishAndReleaseAll();
    }
}
