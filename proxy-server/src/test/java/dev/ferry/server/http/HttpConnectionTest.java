package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.server.config.ConfigLoader;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.vars.RequestContext;
import dev.ferry.upstream.PeerRegistry;
import dev.ferry.upstream.config.HostResolver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection handler on an EmbeddedChannel: exact bytes in, exact bytes out, no sockets. */
class HttpConnectionTest {

    @TempDir
    Path prefix;

    private final List<RequestContext> logged = new ArrayList<>();

    /** An EmbeddedChannel that says it is a TCP connection from 127.0.0.1:50000 to 127.0.0.1:8080. */
    private static final class TcpLikeChannel extends EmbeddedChannel {
        TcpLikeChannel(ChannelHandler... handlers) {
            super(handlers);
        }

        @Override
        protected SocketAddress localAddress0() {
            return new InetSocketAddress("127.0.0.1", 8080);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }
    }

    /** What RequestGuard does for the connection in the real pipeline: tell it bytes arrived. */
    private static final class BytesArrived extends ChannelInboundHandlerAdapter {
        private final HttpConnection connection;

        BytesArrived(HttpConnection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            connection.bytesArrived();
            ctx.fireChannelRead(msg);
        }
    }

    private EmbeddedChannel channel(String http) throws Exception {
        Path conf = prefix.resolve("test.conf");
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(conf, "events {}\nhttp {\n  access_log off;\n" + http + "\n}\n");
        FerryConfig config = new ConfigLoader(prefix, HostResolver.SYSTEM, 8000).load(conf, null);
        RuntimeSnapshot snapshot = new RuntimeSnapshot(config, new PeerRegistry());
        ServerContext context = new ServerContext() {
            @Override
            public RuntimeSnapshot snapshot() {
                return snapshot;
            }

            @Override
            public UpstreamConnector upstreams() {
                return new UpstreamConnector(NioSocketChannel.class);
            }

            @Override
            public RequestLog requestLog() {
                return logged::add;
            }

            @Override
            public boolean draining() {
                return false;
            }
        };
        HttpConnection connection = new HttpConnection(context);
        return new TcpLikeChannel(new BytesArrived(connection), new HttpRequestDecoder(8192, 32768, 65536),
                new ResponseEncoder(), connection);
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    private static String withoutDate(String response) {
        return response.replaceAll("Date: [^\r]*\r\n", "Date: X\r\n");
    }

    @Test
    void returnAnswersWithNginxsHeaderOrder() throws Exception {
        EmbeddedChannel ch = channel("server { listen 127.0.0.1:8080; location / { return 200 hello; } }");
        assertEquals("HTTP/1.1 200 OK\r\nServer: ferry/0.1.0\r\nDate: X\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 5\r\nConnection: keep-alive\r\n\r\nhello",
                withoutDate(exchange(ch, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")));
        assertTrue(ch.isActive(), "keep-alive");
        assertEquals(200, logged.get(0).status());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        EmbeddedChannel ch = channel("server { listen 127.0.0.1:8080; location /a { return 200 a; } location /b { return 200 b; } }");
        String out = exchange(ch, "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(out.indexOf("\r\n\r\na") < out.indexOf("\r\n\r\nb"), out);
        assertEquals(2, logged.size());
    }

    @Test
    void anHttp11RequestWithoutHostIs400AndCloses() throws Exception {
        EmbeddedChannel ch = channel("server { listen 127.0.0.1:8080; return 200; }");
        String out = exchange(ch, "GET / HTTP/1.1\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 400 Bad Request\r\n"), out);
        assertTrue(out.contains("Connection: close\r\n"), out);
        ch.runPendingTasks();
        assertFalse(ch.isActive());
    }

    @Test
    void aDirectoryOneSlashShortOfAProxyLocationIsRedirectedAbsolutely() throws Exception {
        EmbeddedChannel ch = channel("server { listen 127.0.0.1:8080; location /app/ { proxy_pass http://127.0.0.1:9; } }");
        String out = exchange(ch, "GET /app?x=1 HTTP/1.1\r\nHost: Example.com\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 301 Moved Permanently\r\n"), out);
        assertTrue(out.contains("Location: http://example.com:8080/app/?x=1\r\n"), out);
    }

    @Test
    void errorPageSendsANamedLocationsAnswerWithTheOverriddenStatus() throws Exception {
        EmbeddedChannel ch = channel("server { listen 127.0.0.1:8080; error_page 404 =200 @x;"
                + " location = /only { return 204; } location @x { return 200 fallback; } }");
        String out = exchange(ch, "GET /missing HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n"), out);
        assertTrue(out.endsWith("\r\n\r\nfallback"), out);
    }

    @Test
    void aRequestLineLongerThanTheLargeBufferIs414() throws Exception {
        EmbeddedChannel ch = channel("server { listen 127.0.0.1:8080; return 200; }");
        String out = exchange(ch, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 414 Request-URI Too Large\r\n"), out);
        assertTrue(out.contains("<title>414 Request-URI Too Large</title>"), out);
    }

    @Test
    void addHeaderAppliesToSuccessAndWithAlwaysToErrors() throws Exception {
        EmbeddedChannel ch = channel("server { listen 127.0.0.1:8080; add_header X-A a; add_header X-B b always;"
                + " location = /ok { return 200 ok; } location = /gone { return 410; } }");
        String ok = exchange(ch, "GET /ok HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(ok.contains("X-A: a\r\n") && ok.contains("X-B: b\r\n"), ok);
        String gone = exchange(ch, "GET /gone HTTP/1.1\r\nHost: h\r\n\r\n");
        assertFalse(gone.contains("X-A: a\r\n"), gone);
        assertTrue(gone.contains("X-B: b\r\n"), gone);
    }
}
