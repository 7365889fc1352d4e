package dev.ferry.server.http;

import dev.ferry.server.config.LocationAction;
import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.config.ReturnAction;
import dev.ferry.server.config.VirtualServer;
import dev.ferry.server.routing.LocationMatcher;
import dev.ferry.server.routing.UriNormalizer;
import dev.ferry.server.routing.VirtualServerSelector;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The per-connection entry of the request path: picks the virtual server and the location,
 * then answers ({@code return}, redirects, errors) or hands the request to a
 * {@link ProxyExchange}. Requests are handled one at a time; pipelined ones wait in order.
 */
public final class RequestRouter extends ChannelInboundHandlerAdapter {

    private final Supplier<RuntimeSnapshot> snapshots;
    private final Class<? extends Channel> upstreamChannel;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private ProxyExchange exchange;
    /** True while the body of the request being proxied is still arriving. */
    private boolean readingBody;

    /**
     * @param snapshots       the current configuration snapshot, read once per request
     * @param upstreamChannel the socket class for upstream connections (same transport as the server)
     */
    public RequestRouter(Supplier<RuntimeSnapshot> snapshots, Class<? extends Channel> upstreamChannel) {
        this.snapshots = snapshots;
        this.upstreamChannel = upstreamChannel;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null && !readingBody) {
            waiting.add(msg); // a pipelined request: its turn comes when the exchange ends
            return;
        }
        handle(ctx, msg);
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            route(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            if (exchange != null && readingBody) {
                readingBody = !(content instanceof LastHttpContent);
                exchange.clientContent(content);
                return;
            }
        }
        ReferenceCountUtil.release(msg);
    }

    private void route(ChannelHandlerContext ctx, HttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (request.decoderResult().isFailure()) {
            Responses.send(ctx, Responses.error(400), HttpVersion.HTTP_1_1, false, false);
            return;
        }
        String hostHeader = request.headers().get(HttpHeaderNames.HOST);
        if (hostHeader == null && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            Responses.send(ctx, Responses.error(400), request.protocolVersion(), false, head); // HTTP/1.1 without Host
            return;
        }
        RequestTarget target = RequestTarget.parse(request.uri(), hostHeader);
        String uri = target == null ? null : UriNormalizer.normalize(target.path());
        if (uri == null) {
            Responses.send(ctx, Responses.error(400), request.protocolVersion(), false, head);
            return;
        }
        RuntimeSnapshot snapshot = snapshots.get();
        VirtualServerSelector selector = snapshot.selectorFor((InetSocketAddress) ctx.channel().localAddress());
        if (selector == null) {
            ctx.close(); // the listener was removed by a reload
            return;
        }
        VirtualServer server = selector.select(target.host());
        if (server.action() != null) {
            answer(ctx, request, server.action(), keepAlive, head);
            return;
        }
        LocationMatcher.Result found = LocationMatcher.find(server.locations(), uri);
        if (found.redirectTo() != null) {
            String location = found.redirectTo() + (target.args() == null ? "" : "?" + target.args());
            Responses.send(ctx, Responses.redirect(301, location), request.protocolVersion(), keepAlive, head);
            return;
        }
        LocationConfig location = found.location();
        if (location == null || location.action() == null) {
            Responses.send(ctx, Responses.error(404), request.protocolVersion(), keepAlive, head);
            return;
        }
        switch (location.action()) {
            case LocationAction.Return r -> answer(ctx, request, r.action(), keepAlive, head);
            case LocationAction.Proxy p -> {
                exchange = new ProxyExchange(ctx, request, keepAlive, UpstreamUri.build(p.pass(), location, target, uri),
                        p.pass(), snapshot.balancer(p.pass().upstream()), server.primaryName(), upstreamChannel,
                        this::exchangeDone);
                readingBody = !(request instanceof LastHttpContent);
                ctx.channel().config().setAutoRead(false);
                exchange.start();
            }
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request, ReturnAction action, boolean keepAlive,
            boolean head) {
        int status = action.status();
        if (status == 444) {
            ctx.close(); // nginx's "close the connection without a response"
            return;
        }
        if (action.text() != null && action.isRedirect()) {
            Responses.send(ctx, Responses.redirect(status, action.text()), request.protocolVersion(), keepAlive, head);
        } else if (action.text() != null) {
            Responses.send(ctx, Responses.text(status, action.text(), "text/plain"), request.protocolVersion(), keepAlive, head);
        } else {
            Responses.send(ctx, Responses.error(status), request.protocolVersion(), keepAlive, head);
        }
    }

    /** Called on the event loop when the proxied response is complete or failed. */
    private void exchangeDone(ChannelHandlerContext ctx, boolean keepConnection) {
        exchange = null;
        readingBody = false;
        if (!keepConnection) {
            waiting.forEach(ReferenceCountUtil::release);
            waiting.clear();
            return;
        }
        while (exchange == null && !waiting.isEmpty()) {
            handle(ctx, waiting.poll());
        }
        if (exchange == null) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientClosed();
        }
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
