package dev.ferry.server.http;

import dev.ferry.server.vars.LoopClock;
import dev.ferry.server.config.ClientSettings;
import dev.ferry.server.config.ErrorPage;
import dev.ferry.server.config.LocationAction;
import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.config.LocationSettings;
import dev.ferry.server.config.ReturnAction;
import dev.ferry.server.config.ServerSettings;
import dev.ferry.server.config.VirtualServer;
import dev.ferry.server.http.strict.Refusal;
import dev.ferry.server.http.strict.RefusedRequestException;
import dev.ferry.server.log.NginxLevels;
import dev.ferry.server.routing.LocationMatcher;
import dev.ferry.server.routing.UriNormalizer;
import dev.ferry.server.routing.VirtualServerSelector;
import dev.ferry.server.vars.RequestContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads requests one at a time (pipelined ones wait in order), picks
 * the server and location, answers what Ferry answers itself ({@code return}, redirects,
 * errors and their {@code error_page}s) and hands proxied requests to a {@link ProxyExchange}.
 * The channel does not auto-read: this class asks for bytes only when it can use them.
 */
public final class HttpConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    /** nginx's lingering_timeout and lingering_time defaults (not directives in Ferry). */
    private static final Duration LINGERING_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LINGERING_TIME = Duration.ofSeconds(30);
    /** The error statuses after which nginx closes the connection (ngx_http_special_response_handler). */
    private static final Set<Integer> CLOSING_STATUSES = Set.of(400, 413, 414, 495, 496, 497, 500, 501);

    private final ServerContext server;
    private final long id = CONNECTIONS.incrementAndGet();
    private final long openedNanos = LoopClock.nanoTime();
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private long requests;
    private Exchange exchange;
    /** True while the body of a request Ferry answered itself is still arriving. */
    private boolean discarding;
    /** When a body Ferry does not need stops being read (nginx's lingering_time), 0 when not discarding. */
    private long discardDeadlineNanos;
    private boolean closing;
    /** One timer per connection: waiting for a request (header timeout), between requests (keep-alive), lingering. */
    private Deadline timer;
    /** What the timer logs when it closes the connection, or null. */
    private String timeoutMessage;
    private final Runnable timedOut = this::timedOut;
    /** The timer of the exchange in progress (proxy_read_timeout, client_body_timeout, ...), kept across exchanges. */
    private Deadline exchangeTimer;
    /** This loop's idle upstream connections. */
    private UpstreamPool upstreamPool;
    /** The server selector of the listen address, for the snapshot it was looked up in. */
    private RuntimeSnapshot selectorSnapshot;
    private VirtualServerSelector selector;
    /** True between requests: the next bytes start a new request (keepalive_timeout → client_header_timeout). */
    private boolean idle = true;
    /** The size of the head of the request the codec hands on next, from the guard; -1 when unknown. */
    private long scannedHeadBytes = -1;
    /** True while a queued (pipelined) request is being started. */
    private boolean pipelined;

    public HttpConnection(ServerContext server) {
        this.server = server;
    }

    /**
     * Raw bytes arrived (told by the handler before the HTTP codec, which sees them first): the
     * first ones after an idle spell start a request, and client_header_timeout runs from them.
     */
    public void bytesArrived() {
        if (idle) {
            idle = false;
            armTimer(headerSettings().headerTimeout(),
                    "client timed out (110: Connection timed out) while reading client request headers");
        }
    }

    /**
     * The guard before the codec measured the next request's head on the wire: nginx counts
     * those bytes in {@code $request_length}, however the client spaced its header lines.
     */
    public void headScanned(long bytes) {
        scannedHeadBytes = bytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        timer = new Deadline(ctx.executor());
        exchangeTimer = new Deadline(ctx.executor());
        upstreamPool = server.upstreams().pool(ctx.channel().eventLoop());
        armTimer(headerSettings().headerTimeout(), "client timed out (110: Connection timed out) while waiting for request");
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (exchange != null) {
            if (msg instanceof HttpContent content && exchange.wantsBody()) {
                bodyTaken(content);
                exchange.clientContent(content);
            } else if (msg instanceof LastHttpContent end && waiting.isEmpty() && !end.content().isReadable()
                    && end.decoderResult().isSuccess()) {
                // The codec's end marker of the body-less request being served: nothing to queue.
                discarding = false;
                end.release();
            } else {
                waiting.add(msg); // a pipelined request: its turn comes when the exchange ends
            }
            return;
        }
        handle(msg);
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest request) {
            startRequest(request);
        }
        if (msg instanceof HttpContent content) {
            if (exchange != null && exchange.wantsBody()) {
                bodyTaken(content);
                exchange.clientContent(content);
                return;
            }
            if (content.decoderResult().isFailure()) {
                close(); // the body of a request Ferry answered itself turned out invalid
            } else if (content instanceof LastHttpContent) {
                discarding = false;
                discardDeadlineNanos = 0;
                if (exchange == null && !closing) {
                    awaitNextRequest(); // the answer went before the body ended: now the connection is idle
                }
            } else if (exchange == null && !closing) {
                lingering();
            }
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientReadComplete();
            if (exchange != null && exchange.clientMayBeRead() && waiting.isEmpty() && !closing) {
                // Keeping the socket readable saves two epoll_ctl calls per request, and a client
                // that leaves is seen at once (a 499, the upstream closed) as nginx sees it.
                ctx.read();
            }
        } else if (!closing) {
            ctx.read(); // between requests, or discarding a body Ferry did not need
        }
        ctx.fireChannelReadComplete();
    }

    private void startRequest(HttpRequest request) {
        cancelTimer();
        requests++;
        RequestContext r = new RequestContext(request, (InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress(), id, requests);
        discarding = !(request instanceof LastHttpContent);
        // Without the guard (a pipeline of the codec alone) the head is measured from its fields.
        r.addRequestLength(scannedHeadBytes >= 0 ? scannedHeadBytes : requestHeadBytes(request));
        scannedHeadBytes = -1;
        r.pipelined(pipelined);
        RuntimeSnapshot snapshot = server.snapshot();
        r.catalog(snapshot.config().http().variables());
        VirtualServerSelector selector = selector(snapshot);
        if (selector == null) {
            close(); // the listener was removed by a reload
            return;
        }
        r.server(selector.defaultServer());
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof RefusedRequestException refused) {
                Refusal refusal = refused.refusal();
                log.info(NginxLevels.INFO, "{} {}{}", refusal.message(), refusal.phase().logText(),
                        headContext(r, refusal.method() != null));
                sendError(r, refusal.status(), selector.defaultServer().settings(), false);
                return;
            }
            // A request line over the large buffer is 414; a header over it is nginx's 494, sent as 400.
            int status = cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException ? 494 : 400;
            log.info("client sent invalid request ({}), client: {}", cause.getMessage(), r.remote().getAddress().getHostAddress());
            sendError(r, status, selector.defaultServer().settings(), false);
            return;
        }
        String hostHeader = request.headers().get("Host");
        if (hostHeader == null && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            log.info("client sent HTTP/1.1 request without \"Host\" header, client: {}", r.remote().getAddress().getHostAddress());
            sendError(r, 400, selector.defaultServer().settings(), false);
            return;
        }
        RequestTarget target = RequestTarget.parse(request.uri(), hostHeader);
        if (target == null) {
            sendError(r, 400, selector.defaultServer().settings(), false);
            return;
        }
        VirtualServer vserver = selector.select(target.host());
        r.server(vserver);
        RequestValidator.Result checked = RequestValidator.check(request, vserver.header());
        for (String line : checked.ignored()) {
            log.info(NginxLevels.INFO, "client sent invalid header line: \"{}\" while reading client request headers{}",
                    line, headContext(r, true));
        }
        if (checked.status() != 0) {
            log.info(NginxLevels.INFO, "{}{}", checked.message(), headContext(r, true));
            sendError(r, checked.status(), vserver.settings(), false);
            return;
        }
        String uri = UriNormalizer.normalize(target.path(), vserver.header().mergeSlashes());
        if (uri == null) {
            sendError(r, 400, vserver.settings(), false);
            return;
        }
        r.routed(uri, target.args(), target.host());
        serve(r, target);
    }

    /** nginx's context of a request-head error: client, server and, once the line was read, the request. */
    private static String headContext(RequestContext r, boolean named) {
        return ", client: " + r.remote().getAddress().getHostAddress() + ", server: " + r.server().primaryName()
                + (named ? ", request: \"" + r.request().method() + " " + r.request().uri() + " "
                        + r.request().protocolVersion() + "\"" : "");
    }

    /** The request line and headers as they came, for {@code $request_length}. */
    private static long requestHeadBytes(HttpRequest request) {
        long n = request.method().name().length() + 1 + request.uri().length() + 1
                + request.protocolVersion().text().length() + 2 + 2;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = request.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            n += header.getKey().length() + 2 + header.getValue().length() + 2;
        }
        return n;
    }

    /** Finds the location and runs its action; also the re-entry point of error_page redirects. */
    private void serve(RequestContext r, RequestTarget target) {
        VirtualServer vserver = r.server();
        if (vserver.action() != null) {
            answer(r, vserver.action(), vserver.settings());
            return;
        }
        LocationMatcher.Result found = r.uri().startsWith("@")
                ? new LocationMatcher.Result(named(vserver, r.uri()), null, null)
                : LocationMatcher.find(vserver.locations(), r.uri());
        if (found.redirectTo() != null) {
            String location = found.redirectTo() + (r.args() == null ? "" : "?" + r.args());
            sendRedirect(r, 301, absolute(r, location), vserver.settings());
            return;
        }
        LocationConfig location = found.location();
        if (location == null) {
            sendError(r, 404, vserver.settings(), true);
            return;
        }
        r.location(location, found.captures());
        LocationSettings settings = location.settings();
        if (location.action() == null) {
            sendError(r, 404, settings, true);
            return;
        }
        switch (location.action()) {
            case LocationAction.Return ret -> answer(r, ret.action(), settings);
            case LocationAction.Proxy proxy -> {
                if (tooLarge(r, settings.client())) {
                    sendError(r, 413, settings, false);
                    return;
                }
                exchange = new ProxyExchange(this, ctx, r, settings, proxy.pass(), target, server);
                exchange.start();
            }
        }
    }

    private static LocationConfig named(VirtualServer server, String name) {
        for (LocationConfig l : server.locations()) {
            if (l.match() == LocationConfig.Match.NAMED && l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** client_max_body_size against the declared length, before any body byte is read. */
    private static boolean tooLarge(RequestContext r, ClientSettings client) {
        long max = client.maxBodySize();
        long length = HttpUtil.getContentLength(r.request(), -1L);
        if (max > 0 && length > max) {
            log.error("client intended to send too large body: {} bytes, client: {}, server: {}, request: \"{} {} {}\"",
                    length, r.remote().getAddress().getHostAddress(), r.server().primaryName(),
                    r.request().method(), r.request().uri(), r.request().protocolVersion());
            return true;
        }
        return false;
    }

    private void answer(RequestContext r, ReturnAction action, LocationSettings settings) {
        int status = action.status();
        if (status == 444) {
            r.status(444);
            server.requestLog().finished(r);
            close(); // nginx's "close the connection without a response"
            return;
        }
        if (action.text() == null) {
            sendError(r, status, settings, true);
            return;
        }
        String text = action.text().evaluate(r);
        if (action.isRedirect()) {
            sendRedirect(r, status, absolute(r, text), settings);
            return;
        }
        HttpHeaders headers = ResponseHeads.begin(settings.response());
        headers.add(ResponseHeads.CONTENT_TYPE, settings.response().defaultType());
        send(r, status, headers, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), settings);
    }

    /**
     * An error Ferry answers itself: the location's error_page if one applies (once: an error
     * inside an error page is sent plain, nginx's recursive_error_pages off), else the built-in page.
     *
     * @param pages whether error_page may apply (not for a request that could not be parsed)
     */
    void sendError(RequestContext r, int status, LocationSettings settings, boolean pages) {
        ErrorPage page = pages && !r.internal() ? settings.response().errorPage(status) : null;
        if (page != null) {
            errorPage(r, status, page, settings);
            return;
        }
        HttpHeaders headers = ResponseHeads.begin(settings.response());
        ByteBuf body = Unpooled.EMPTY_BUFFER;
        int logged = status == 494 ? 400 : status;
        if (ErrorPages.has(status)) {
            headers.add(ResponseHeads.CONTENT_TYPE, "text/html");
            body = Unpooled.copiedBuffer(ErrorPages.page(status, settings.response().serverTokens()), StandardCharsets.UTF_8);
        }
        // ngx_http_special_response_handler ends keep-alive only for these; a request whose head
        // was refused (pages false) never had it.
        boolean keep = status < 400 || pages && !CLOSING_STATUSES.contains(status);
        send(r, status == 494 ? 400 : status, headers, body, settings, keep && keepAlive(r, settings.client()));
        r.status(logged);
    }

    private void errorPage(RequestContext r, int status, ErrorPage page, LocationSettings settings) {
        if (page.isRedirect()) {
            int code = page.overrideCode() >= 301 && page.overrideCode() <= 308 ? page.overrideCode() : 302;
            sendRedirect(r, code, page.target(), settings);
            return;
        }
        int override = page.overrideCode() == 0 ? status : page.overrideCode() > 0 ? page.overrideCode() : 0;
        String target = page.target();
        int q = target.indexOf('?');
        String args = q < 0 ? null : target.substring(q + 1);
        String uri = q < 0 ? target : target.substring(0, q);
        r.redirected(uri, args, override);
        if (!r.request().method().equals(HttpMethod.HEAD)) {
            r.request().setMethod(HttpMethod.GET); // error pages are fetched with GET, as in nginx
        }
        serve(r, new RequestTarget(uri, args, r.host()));
    }

    private void sendRedirect(RequestContext r, int status, String location, LocationSettings settings) {
        HttpHeaders headers = ResponseHeads.begin(settings.response());
        ByteBuf body = Unpooled.EMPTY_BUFFER;
        if (ErrorPages.has(status)) {
            headers.add(ResponseHeads.CONTENT_TYPE, "text/html");
            body = Unpooled.copiedBuffer(ErrorPages.page(status, settings.response().serverTokens()), StandardCharsets.UTF_8);
        }
        headers.add("Location", location);
        send(r, status, headers, body, settings);
    }

    /** nginx's absolute_redirect: a Location starting with "/" gets the scheme, host and port. */
    private static String absolute(RequestContext r, String location) {
        if (!location.startsWith("/")) {
            return location;
        }
        String host = r.host().isEmpty() ? r.server().primaryName() : r.host();
        int port = r.local().getPort();
        return "http://" + host + (port == 80 ? "" : ":" + port) + location;
    }

    private void send(RequestContext r, int status, HttpHeaders headers, ByteBuf body, LocationSettings settings) {
        send(r, status, headers, body, settings, keepAlive(r, settings.client()));
    }

    private void send(RequestContext r, int status, HttpHeaders headers, ByteBuf body, LocationSettings settings,
            boolean keepAlive) {
        boolean bodyless = status == 204 || status == 304 || status < 200;
        if (!bodyless) {
            headers.set(ResponseHeads.CONTENT_LENGTH, body.readableBytes());
        }
        boolean head = r.request().method().equals(HttpMethod.HEAD);
        HttpResponse built = ResponseHeads.build(r, status, headers, settings.response(), keepAlive);
        ByteBuf content = head || bodyless ? Unpooled.EMPTY_BUFFER : body;
        if (content != body) {
            body.release();
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, built.status(), content,
                built.headers(), new DefaultHttpHeaders(false));
        r.addBodyBytesSent(content.readableBytes());
        boolean keep = keepAlive;
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            server.requestLog().finished(r);
            if (!keep || !f.isSuccess()) {
                close();
            }
        });
        requestDone(keep);
    }

    /** Whether the connection may serve another request after this one. */
    boolean keepAlive(RequestContext r, ClientSettings client) {
        return HttpUtil.isKeepAlive(r.request())
                && !client.keepaliveTimeout().isZero()
                && requests < client.keepaliveRequests()
                && LoopClock.nanoTime() - openedNanos < client.keepaliveTime().toNanos()
                && !closing
                && !server.draining();
    }

    /**
     * The current request is answered (its response may still be flushing). With keep-alive,
     * the next request is taken from the queue or awaited under keepalive_timeout.
     */
    void requestDone(boolean keepAlive) {
        exchange = null;
        if (!keepAlive) {
            closing = true;
            waiting.forEach(ReferenceCountUtil::release);
            waiting.clear();
            return;
        }
        while (exchange == null && !waiting.isEmpty() && !closing) {
            pipelined = true; // read while the previous request was being answered
            handle(waiting.poll());
            pipelined = false;
        }
        if (exchange == null && !closing) {
            if (discarding) {
                lingering();
            } else {
                awaitNextRequest();
            }
        }
        if (exchange == null && !closing) {
            ctx.read();
        }
    }

    /** Graceful stop: a connection waiting for its next request goes now; a busy one after its response. */
    public void closeIfIdle() {
        if (exchange == null && idle && !discarding && !closing) {
            close();
        }
    }

    /** The exchange takes the body: once its end is taken, there is nothing left to discard. */
    private void bodyTaken(HttpContent content) {
        if (content instanceof LastHttpContent) {
            discarding = false;
        }
    }

    /** Between requests: keepalive_timeout runs until the next request's first byte. */
    private void awaitNextRequest() {
        idle = true;
        LocationSettings settings = headerServer().settings();
        armTimer(settings.client().keepaliveTimeout(), null);
    }

    /**
     * The rest of a body Ferry answered without is read and dropped, but not forever: nginx's
     * lingering_timeout (5s) between reads and lingering_time (30s) in all
     * (ngx_http_finalize_connection, ngx_http_discarded_request_body_handler), then the close.
     */
    private void lingering() {
        long now = LoopClock.nanoTime();
        if (discardDeadlineNanos == 0) {
            discardDeadlineNanos = now + LINGERING_TIME.toNanos();
        }
        long left = Math.max(0, discardDeadlineNanos - now);
        armTimer(Duration.ofNanos(Math.min(left, LINGERING_TIMEOUT.toNanos())), null);
    }

    /** Closes after what was written is flushed. */
    void close() {
        closing = true;
        cancelTimer();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private VirtualServer headerServer() {
        VirtualServerSelector selector = selector(server.snapshot());
        return selector == null ? null : selector.defaultServer();
    }

    /** The listen address's server selector in {@code snapshot}; looked up again only after a reload. */
    private VirtualServerSelector selector(RuntimeSnapshot snapshot) {
        if (snapshot != selectorSnapshot) {
            selector = snapshot.selectorFor((InetSocketAddress) ctx.channel().localAddress());
            selectorSnapshot = snapshot;
        }
        return selector;
    }

    UpstreamPool upstreamPool() {
        return upstreamPool;
    }

    Deadline exchangeTimer() {
        return exchangeTimer;
    }

    private ServerSettings headerSettings() {
        VirtualServer s = headerServer();
        return s == null ? ServerSettings.DEFAULTS : s.header();
    }

    private void armTimer(Duration timeout, String message) {
        if (timer != null) {
            timeoutMessage = message;
            timer.arm(timeout, timedOut);
        }
    }

    private void timedOut() {
        if (timeoutMessage != null) {
            log.info(NginxLevels.INFO, "{}, client: {}", timeoutMessage,
                    ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress());
        }
        close();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.disarm();
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
        closing = true;
        if (timer != null) {
            timer.cancel();
            exchangeTimer.cancel();
        }
        if (exchange != null) {
            exchange.clientClosed();
            exchange = null;
        }
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection error: {}", cause.toString());
        ctx.close();
    }
}
