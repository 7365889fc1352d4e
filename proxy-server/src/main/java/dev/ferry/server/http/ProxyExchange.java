package dev.ferry.server.http;

import dev.ferry.server.config.ProxyPass;
import dev.ferry.upstream.Attempt;
import dev.ferry.upstream.Balancer;
import dev.ferry.upstream.Outcome;
import dev.ferry.upstream.Peer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request: asks the balancer for a peer, connects on the client's own event loop
 * (so neither half needs locks), streams the request, and relays the response. A failure
 * before the response head is retried on the next peer while tries remain (nginx's
 * {@code error timeout} default); after it, the client connection is closed.
 *
 * <p>The request body is kept until a response head arrives so that a retry can resend it.
 * Upstream keep-alive, the full proxy_next_upstream set and the proxy_* header directives are
 * the proxy core's work (issue 3 and 4); this class is their foundation.
 */
final class ProxyExchange {

    /** Called once on the event loop with whether the client connection stays open. */
    interface Done {
        void finished(ChannelHandlerContext client, boolean keepConnection);
    }

    private static final Logger log = LoggerFactory.getLogger(ProxyExchange.class);
    /** nginx's default proxy_connect_timeout and proxy_read_timeout. */
    private static final int CONNECT_TIMEOUT_MILLIS = 60_000;
    private static final int READ_TIMEOUT_SECONDS = 60;

    private final ChannelHandlerContext client;
    private final HttpRequest request;
    private final boolean keepAlive;
    private final String upstreamUri;
    private final ProxyPass pass;
    private final Balancer balancer;
    private final String serverName;
    private final Done done;
    private final Class<? extends Channel> channelType;
    private final List<HttpContent> body = new ArrayList<>();
    private boolean bodyComplete;

    private Attempt attempt;
    private Peer peer;
    private Channel upstream;
    private boolean connected;
    private boolean responseStarted;
    private boolean finished;

    ProxyExchange(ChannelHandlerContext client, HttpRequest request, boolean keepAlive, String upstreamUri,
            ProxyPass pass, Balancer balancer, String serverName, Class<? extends Channel> channelType, Done done) {
        this.client = client;
        this.request = request;
        this.keepAlive = keepAlive;
        this.upstreamUri = upstreamUri;
        this.pass = pass;
        this.balancer = balancer;
        this.serverName = serverName;
        this.done = done;
        this.channelType = channelType;
        this.bodyComplete = request instanceof LastHttpContent;
    }

    void start() {
        attempt = balancer.start();
        connectNext();
    }

    private void connectNext() {
        peer = attempt.next().orElse(null);
        if (peer == null) {
            log.error("no live upstreams while connecting to upstream{}", context());
            fail(502);
            return;
        }
        connected = false;
        Bootstrap bootstrap = new Bootstrap()
                .group(client.channel().eventLoop())
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                                new HttpClientCodec(), new UpstreamHandler());
                    }
                });
        ChannelFuture connect = bootstrap.connect(peer.address());
        upstream = connect.channel();
        connect.addListener((ChannelFutureListener) f -> {
            if (finished || f.channel() != upstream) {
                f.channel().close();
                return;
            }
            if (!f.isSuccess()) {
                log.error("connect() failed ({}) while connecting to upstream{}", f.cause().getMessage(), context());
                retryOrFail(f.cause() instanceof io.netty.channel.ConnectTimeoutException ? 504 : 502);
                return;
            }
            connected = true;
            sendRequest();
        });
    }

    private void sendRequest() {
        HttpHeaders headers = request.headers().copy();
        // Hop-by-hop headers belong to the client's connection, not to ours.
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(HttpHeaderNames.PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.UPGRADE);
        headers.set(HttpHeaderNames.HOST, pass.proxyHost());
        // No upstream pool yet: ask the backend to close so the response end is never ambiguous.
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        upstream.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), upstreamUri, headers));
        for (HttpContent content : body) {
            upstream.write(content.retainedDuplicate());
        }
        if (bodyComplete && !HttpUtil.isTransferEncodingChunked(request) && body.isEmpty()) {
            upstream.write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        upstream.flush();
    }

    /** A piece of the client's body: kept for a possible retry, and sent when connected. */
    void clientContent(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        bodyComplete = content instanceof LastHttpContent;
        body.add(content);
        if (connected) {
            upstream.writeAndFlush(content.retainedDuplicate());
        }
        if (!bodyComplete) {
            client.read();
        }
    }

    void clientWritabilityChanged() {
        if (upstream != null && connected) {
            upstream.config().setAutoRead(client.channel().isWritable());
        }
    }

    void clientClosed() {
        finish(Outcome.SUCCESS, false);
    }

    private void retryOrFail(int status) {
        attempt.finish(peer, Outcome.FAILURE);
        Channel old = upstream;
        upstream = null;
        if (old != null) {
            old.close();
        }
        if (attempt.tries() > 0 && !responseStarted) {
            connectNext();
        } else {
            fail(status);
        }
    }

    private void fail(int status) {
        if (finished) {
            return;
        }
        if (!responseStarted) {
            Responses.send(client, Responses.error(status), request.protocolVersion(), keepAlive && bodyComplete, false);
            release();
            finished = true;
            done.finished(client, keepAlive && bodyComplete);
        } else {
            finish(null, false);
        }
    }

    /** Ends the exchange; {@code outcome} is reported unless the peer was already freed. */
    private void finish(Outcome outcome, boolean keepConnection) {
        if (finished) {
            return;
        }
        finished = true;
        if (outcome != null && peer != null && !responseStarted) {
            attempt.finish(peer, outcome);
        }
        release();
        if (upstream != null) {
            upstream.close();
        }
        if (!keepConnection) {
            client.close();
        }
        done.finished(client, keepConnection);
    }

    private void release() {
        body.forEach(ReferenceCountUtil::release);
        body.clear();
    }

    private String context() {
        String remote = ((InetSocketAddress) client.channel().remoteAddress()).getAddress().getHostAddress();
        return ", client: " + remote + ", server: " + serverName + ", request: \"" + request.method() + " "
                + request.uri() + " " + request.protocolVersion() + "\", upstream: \"http://"
                + (peer == null ? balancer.name() : peer.name()) + upstreamUri + "\", host: \""
                + request.headers().get(HttpHeaderNames.HOST, "") + "\"";
    }

    /** Relays the upstream's response to the client. */
    private final class UpstreamHandler extends SimpleChannelInboundHandler<HttpObject> {

        private boolean clientKeepAlive;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (finished || ctx.channel() != upstream) {
                return;
            }
            if (msg instanceof HttpResponse response) {
                if (response.decoderResult().isFailure()) {
                    log.error("upstream sent no valid HTTP/1.0 header while reading response header from upstream{}", context());
                    retryOrFail(502);
                    return;
                }
                responseStarted = true;
                attempt.finish(peer, Outcome.SUCCESS);
                client.write(clientResponse(response));
            }
            if (msg instanceof HttpContent content) {
                boolean last = content instanceof LastHttpContent;
                if (last && content.decoderResult().isFailure()) {
                    // Closed before Content-Length or the last chunk: the client must see a truncation.
                    log.error("upstream prematurely closed connection while reading upstream{}", context());
                    client.flush();
                    finish(null, false);
                    return;
                }
                client.write(content.retain());
                if (last) {
                    client.flush();
                    finish(null, clientKeepAlive);
                    return;
                }
                if (!client.channel().isWritable()) {
                    upstream.config().setAutoRead(false);
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
        }

        private HttpResponse clientResponse(HttpResponse response) {
            HttpHeaders headers = response.headers().copy();
            headers.remove(HttpHeaderNames.CONNECTION);
            headers.remove(HttpHeaderNames.KEEP_ALIVE);
            headers.remove(HttpHeaderNames.SERVER);
            headers.remove(HttpHeaderNames.DATE);
            clientKeepAlive = keepAlive && bodyComplete;
            int status = response.status().code();
            boolean bodyless = status == 204 || status == 304 || status < 200 || "HEAD".equals(request.method().name());
            if (!bodyless && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)) {
                // A body that ends at close: chunk it for HTTP/1.1 clients, close for HTTP/1.0 ones.
                if (request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                    headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                } else {
                    clientKeepAlive = false;
                }
            }
            HttpHeaders stamped = Responses.stamped(headers);
            Responses.connection(stamped, clientKeepAlive, request.protocolVersion());
            return new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), stamped);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != upstream || finished) {
                return;
            }
            if (!responseStarted) {
                log.error("upstream prematurely closed connection while reading response header from upstream{}", context());
                retryOrFail(502);
            } else {
                // The decoder ends a complete body itself; closing mid-body is a truncation.
                finish(null, false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() != upstream || finished) {
                ctx.close();
                return;
            }
            boolean timeout = cause instanceof ReadTimeoutException;
            if (!responseStarted) {
                log.error("{} while reading response header from upstream{}",
                        timeout ? "upstream timed out (110: Connection timed out)" : "recv() failed (" + cause.getMessage() + ")", context());
                retryOrFail(timeout ? 504 : 502);
            } else {
                log.error("{} while reading upstream{}", timeout ? "upstream timed out (110: Connection timed out)"
                        : "recv() failed (" + cause.getMessage() + ")", context());
                finish(null, false);
            }
        }
    }
}
