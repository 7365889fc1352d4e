package dev.ferry.server.http;

import dev.ferry.server.vars.LoopClock;
import dev.ferry.upstream.config.KeepaliveConfig;
import dev.ferry.server.config.ErrorPage;
import dev.ferry.server.config.LocationSettings;
import dev.ferry.server.config.ProxyPass;
import dev.ferry.server.config.ProxySettings;
import dev.ferry.server.vars.RequestContext;
import dev.ferry.server.vars.UpstreamAttempt;
import dev.ferry.server.vars.Template;
import dev.ferry.upstream.Balancers;
import dev.ferry.upstream.PickContext;
import dev.ferry.upstream.next.Decision;
import dev.ferry.upstream.next.FailureKind;
import dev.ferry.upstream.next.NextUpstream;
import dev.ferry.upstream.next.RequestFacts;
import dev.ferry.upstream.next.Retries;
import dev.ferry.upstream.Attempt;
import dev.ferry.upstream.Outcome;
import dev.ferry.upstream.Peer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request (DESIGN.md "The request path"): picks a peer, takes an idle connection
 * from the loop's pool or connects on the client's own loop, sends the request head and
 * streams the body, then relays the response — all with back-pressure: the client is read
 * only after the upstream took the previous bytes, and the upstream only after the client
 * did (with {@code proxy_buffering on}, as long as the client's outbound buffer has room).
 *
 * <p>A failure before any response byte reaches the client goes to the next peer while tries
 * remain and the request can be resent (nginx's default {@code proxy_next_upstream error
 * timeout}); a reused keep-alive connection that fails before any response byte is retried
 * without using a try. After the response head went out, a failure truncates the response
 * and closes the client connection.
 */
final class ProxyExchange implements Exchange, UpstreamListener {

    private static final Logger log = LoggerFactory.getLogger(ProxyExchange.class);

    private final HttpConnection connection;
    private final ChannelHandlerContext client;
    private final RequestContext r;
    private final LocationSettings settings;
    private final ProxySettings proxy;
    private final ProxyPass pass;
    private final RequestTarget target;
    private final ServerContext server;
    private final boolean keepAlive;

    private UpstreamTarget upstreamTarget;
    private Attempt attempt;
    private Retries retries;
    private Peer peer;
    /** The balancer still counts {@link #peer} as in use: it must be freed exactly once. */
    private boolean peerOpen;
    private UpstreamAttempt stats;
    private Channel upstream;
    private boolean reused;

    /**
     * Body pieces we own: while the body fits client_body_buffer_size they are all kept, so a
     * retry can resend them; past that they stream, and only the unsent ones are held.
     */
    private final List<HttpContent> body = new ArrayList<>();
    /** How many of {@link #body} went out on the current upstream connection. */
    private int sentCount;
    private long bodyBytes;
    private boolean bodyComplete;
    /** Some body bytes were sent and are no longer kept: the request cannot be resent. */
    private boolean bodyStreamed;
    private boolean headSent;
    private boolean connecting;
    private boolean waitingForBody;
    /** Body pieces were written upstream since the last flush. */
    private boolean bodyUnflushed;
    /** TCP_CORK for the upstream while the body pours in: full segments only. */
    private final BodyCork cork = new BodyCork();

    private boolean responseStarted;
    /**
     * The client's response head, held until the rest of this upstream read is seen: a body
     * that ends in the same read goes out with it as one message (one encode, one buffer).
     */
    private HttpResponse pendingHead;
    private boolean responseKeepAlive;
    private boolean upstreamReusable;
    private boolean tunnel;
    private boolean finished;
    /** The connection's exchange timer: proxy_read_timeout, client_body_timeout, send_timeout. */
    private final Deadline timer;
    private final Runnable readTimedOut = this::readTimedOut;
    /** An Upgrade request: what the client sends next may belong to the new protocol, not to HTTP. */
    private final boolean upgradeAsked;
    /** The request announced a body (Content-Length above 0, or chunked). */
    private final boolean requestHasBody;

    ProxyExchange(HttpConnection connection, ChannelHandlerContext client, RequestContext r, LocationSettings settings,
            ProxyPass pass, RequestTarget target, ServerContext server) {
        this.connection = connection;
        this.client = client;
        this.r = r;
        this.settings = settings;
        this.proxy = settings.proxy();
        this.pass = pass;
        this.target = target;
        this.server = server;
        this.keepAlive = connection.keepAlive(r, settings.client());
        this.requestHasBody = hasBody(r.request());
        this.bodyComplete = r.request() instanceof LastHttpContent || !requestHasBody;
        this.timer = connection.exchangeTimer();
        this.upgradeAsked = r.request().headers().contains(HttpHeaderNames.UPGRADE);
    }

    private static boolean hasBody(HttpRequest request) {
        // RequestGuard let through no Transfer-Encoding but "chunked" (nginx answers the rest 501),
        // so its presence is enough; HttpUtil's value scan was a visible share of a small GET.
        return request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    @Override
    public boolean wantsBody() {
        return !bodyComplete && !finished;
    }

    @Override
    public boolean clientMayBeRead() {
        return bodyComplete && !finished && !upgradeAsked;
    }

    @Override
    public void start() {
        upstreamTarget = UpstreamTarget.resolve(r, pass, server.snapshot());
        if (upstreamTarget.error() != null) {
            log.error("{}{}{}", conn(), upstreamTarget.error(), context());
            fail(upstreamTarget.errorStatus());
            return;
        }
        r.proxyPass(pass, upstreamTarget.proxyHost());
        Template hashKey = server.snapshot().hashKey(upstreamTarget.key());
        attempt = upstreamTarget.balancer().start(PickContext.of(r.remote(), hashKey == null ? "" : hashKey.evaluate(r)));
        retries = new NextUpstream(proxy.nextUpstream(), Balancers::monotonicMillis).begin(attempt);
        if (!bodyComplete && HttpUtil.is100ContinueExpected(r.request())) {
            // nginx answers the Expect itself when it starts reading the body.
            client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        if (proxy.requestBuffering() && proxy.passRequestBody() && !bodyComplete) {
            waitingForBody = true; // read up to client_body_buffer_size before connecting
            readClient();
            return;
        }
        if (!bodyComplete) {
            readClient();
        }
        connectNext();
    }

    // ---- request body -------------------------------------------------------------------

    @Override
    public void clientContent(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            // A chunk that breaks the framing: nothing of this request may reach the upstream as if whole.
            content.release();
            log.error("{}client sent invalid chunked body{}", conn(), context());
            abortUpstream();
            if (!responseStarted) {
                finishWithError(400);
            } else {
                end(false);
            }
            return;
        }
        if (content instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
            // Trailers are the client's framing too: nginx never passes them on, and neither does Ferry.
            content = new DefaultLastHttpContent(last.content());
        }
        bodyComplete = content instanceof LastHttpContent;
        bodyBytes += content.content().readableBytes();
        r.addRequestLength(content.content().readableBytes());
        long max = settings.client().maxBodySize();
        if (max > 0 && bodyBytes > max) {
            content.release();
            log.error("{}client intended to send too large chunked body: {} bytes{}", conn(), bodyBytes, context());
            abortUpstream();
            if (!responseStarted) {
                finishWithError(413);
            } else {
                end(false);
            }
            return;
        }
        if (!proxy.passRequestBody()) {
            content.release();
            return;
        }
        body.add(content);
        if (body.size() - sentCount > BodyPieces.MAX_PIECES) {
            BodyPieces.merge(body, sentCount, body.size(), client.alloc()); // not sent yet: one piece
        } else if (sentCount > BodyPieces.MAX_PIECES) {
            sentCount = BodyPieces.merge(body, 0, sentCount, client.alloc()); // sent, kept for a retry: one piece
        }
        if (waitingForBody) {
            if (bodyComplete || bodyBytes > settings.client().bodyBufferSize()) {
                waitingForBody = false;
                connectNext();
            } else {
                readClient();
            }
            return;
        }
        if (headSent && upstream != null) {
            writeBody();
            bodyUnflushed = true; // one flush for the whole read batch: see clientReadComplete
        }
    }

    @Override
    public void clientReadComplete() {
        if (bodyUnflushed && !finished && upstream != null) {
            bodyUnflushed = false;
            flushBody();
        }
    }

    private void readClient() {
        if (!bodyComplete && !finished) {
            armTimer(settings.client().bodyTimeout(), () -> {
                log.info("{}client timed out (110: Connection timed out) while reading client request body{}", conn(), context());
                abortUpstream();
                r.status(408);
                end(false);
            });
            client.read();
        }
    }

    /** Writes the body pieces not yet sent; keeps them for a retry while the body fits the buffer. */
    private void writeBody() {
        boolean keep = !bodyStreamed && bodyBytes <= settings.client().bodyBufferSize();
        for (int i = sentCount; i < body.size(); i++) {
            HttpContent piece = body.get(i);
            int n = piece.content().readableBytes();
            stats.addBytesSent(n);
            cork.written(n);
            upstream.write(keep ? piece.retainedDuplicate() : piece, upstream.voidPromise());
        }
        if (keep) {
            sentCount = body.size();
        } else {
            // From now on the body streams: pieces kept for a retry are let go, unsent ones were just written.
            for (int i = 0; i < sentCount; i++) {
                body.get(i).release();
            }
            body.clear();
            sentCount = 0;
            bodyStreamed = true;
        }
    }

    /** Flushes what went upstream; the client is read again once the upstream took it (back-pressure). */
    private void flushBody() {
        cork.flushing(upstream, bodyComplete);
        ChannelFuture written = upstream.writeAndFlush(Unpooled.EMPTY_BUFFER);
        if (!bodyComplete) {
            written.addListener(f -> {
                if (f.isSuccess() && !finished) {
                    readClient(); // the upstream took it: now the client may send more
                }
            });
        } else {
            written.addListener(f -> {
                if (f.isSuccess() && !finished && !responseStarted) {
                    // The whole request is out: from now on the wait is the upstream's (proxy_read_timeout),
                    // no longer the client's body timer that the last piece armed.
                    armTimer(proxy.readTimeout(), readTimedOut);
                }
            });
        }
    }

    // ---- connecting ---------------------------------------------------------------------

    private void connectNext() {
        peer = attempt.next().orElse(null);
        peerOpen = peer != null;
        if (peer == null) {
            stats = new UpstreamAttempt(upstreamTarget.balancer().name());
            r.upstreamAttempts().add(stats);
            stats.ended(502);
            log.error("{}no live upstreams while connecting to upstream{}", conn(), context());
            fail(502);
            return;
        }
        stats = new UpstreamAttempt(peer.name());
        r.upstreamAttempts().add(stats);
        Channel idle = upstreamTarget.keepalive().connections() > 0
                ? connection.upstreamPool().acquire(upstreamTarget.key(), peer.address())
                : null;
        if (idle != null) {
            reused = true;
            connected(idle);
            return;
        }
        reused = false;
        connecting = true;
        ChannelFuture connect = server.upstreams().connect(client.channel().eventLoop(), peer.address(),
                proxy.connectTimeout(), (int) Math.max(1024, proxy.bufferSize()));
        upstream = connect.channel();
        connect.addListener((ChannelFutureListener) f -> {
            connecting = false;
            if (finished || f.channel() != upstream) {
                f.channel().close();
                return;
            }
            if (!f.isSuccess()) {
                boolean timeout = f.cause() instanceof ConnectTimeoutException;
                log.error("{}{} while connecting to upstream{}", conn(), timeout ? "upstream timed out (110: Connection timed out)"
                        : "connect() failed (" + describe(f.cause()) + ")", context());
                failed(timeout ? FailureKind.TIMEOUT : FailureKind.ERROR);
                return;
            }
            connected(f.channel());
        });
    }

    private void connected(Channel channel) {
        upstream = channel;
        cork.reset();
        sentCount = 0; // a new connection gets the whole kept body
        UpstreamChannel.of(channel).owner(this);
        stats.connected();
        sendHead();
    }

    private void sendHead() {
        UpstreamRequestHead.Framing framing;
        long length = 0;
        if (!proxy.passRequestBody() || (bodyComplete && bodyBytes == 0 && !requestHasBody)) {
            framing = UpstreamRequestHead.Framing.NONE;
        } else if (bodyComplete) {
            framing = UpstreamRequestHead.Framing.LENGTH;
            length = bodyBytes;
        } else if (HttpUtil.getContentLength(r.request(), -1L) >= 0) {
            framing = UpstreamRequestHead.Framing.LENGTH;
            length = HttpUtil.getContentLength(r.request(), -1L);
        } else {
            framing = UpstreamRequestHead.Framing.CHUNKED;
        }
        String uri = UpstreamUri.build(upstreamTarget, r, target);
        HttpRequest head = UpstreamRequestHead.build(r, proxy, uri, framing, length);
        UpstreamChannel.of(upstream).requestSent();
        headSent = true;
        if (framing == UpstreamRequestHead.Framing.CHUNKED && proxy.httpVersion().equals("1.0")) {
            // An HTTP/1.0 upstream cannot take chunks; nginx would spool the body to learn its length.
            log.error("{}chunked request body to an HTTP/1.0 upstream needs proxy_request_buffering on{}", conn(), context());
        }
        if (framing == UpstreamRequestHead.Framing.NONE) {
            // The head is the whole request (a full message): one write, one flush, nothing to wait for.
            releaseBody();
            upstream.writeAndFlush(head, upstream.voidPromise());
        } else {
            upstream.write(head, upstream.voidPromise());
            writeBody();
            flushBody();
        }
        armTimer(proxy.readTimeout(), readTimedOut);
        upstream.read();
    }

    // ---- response -----------------------------------------------------------------------

    @Override
    public void upstreamRead(HttpObject msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        cancelTimer();
        if (msg instanceof HttpResponse response) {
            if (response.decoderResult().isFailure()) {
                Throwable cause = response.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                // A head over proxy_buffer_size is nginx's "too big header"; anything else is not HTTP.
                log.error("{}upstream sent {} while reading response header from upstream{}", conn(),
                        cause instanceof TooLongFrameException ? "too big header" : "no valid HTTP/1.0 header", context());
                failed(FailureKind.INVALID_HEADER);
                return;
            }
            if (response.status().code() == 100) {
                ReferenceCountUtil.release(msg);
                return; // an interim answer to our Expect-less request: wait for the real one
            }
            responseHead(response);
        }
        if (msg instanceof HttpContent content) {
            responseContent(content);
        }
    }

    private void responseHead(HttpResponse response) {
        int status = response.status().code();
        stats.headerReceived(status);
        r.upstreamHeaders(response.headers());
        Decision decision = retries.responded(peer, status, facts());
        if (decision.peerFreed()) {
            peerOpen = false;
        }
        if (decision.retry()) {
            // A listed status with tries left: this answer is dropped and the next peer asked.
            log.warn("{}upstream answered {}, trying the next one{}", conn(), status, context());
            stats.ended(status);
            upstreamReusable = false;
            closeUpstream();
            headSent = false;
            connectNext();
            return;
        }
        ErrorPage page = proxy.interceptErrors() && status >= 300 && !r.internal()
                ? settings.response().errorPage(status) : null;
        if (page != null) {
            // proxy_intercept_errors: the upstream's body is dropped and the error_page answers.
            finishWithError(status);
            return;
        }
        responseStarted = true;
        boolean upgrade = status == 101;
        HttpHeaders headers = ResponseHeads.begin(settings.response());
        boolean upstreamCloses = UpstreamResponseHead.copy(response, proxy, r, upgrade, headers);
        // §2.3: only an HTTP/1.1 response that does not close can leave the connection reusable.
        upstreamReusable = !upgrade && response.protocolVersion().equals(HttpVersion.HTTP_1_1) && !upstreamCloses;
        boolean bodyless = status == 204 || status == 304 || status < 200 || r.request().method().equals(HttpMethod.HEAD);
        // A graceful stop that began while this request was in flight ends the connection after it.
        responseKeepAlive = keepAlive && !upgrade && !server.draining();
        String length = response.headers().get(ResponseHeads.CONTENT_LENGTH);
        if (!bodyless && !upgrade) {
            if (length != null) {
                headers.add(ResponseHeads.CONTENT_LENGTH, length);
            } else if (r.request().protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                headers.add(ResponseHeads.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                responseKeepAlive = false; // an HTTP/1.0 client learns the end from the close
            }
        } else if (bodyless && length != null) {
            headers.add(ResponseHeads.CONTENT_LENGTH, length);
        }
        HttpResponse out = ResponseHeads.build(r, status, headers, settings.response(), responseKeepAlive || upgrade);
        if (upgrade) {
            startTunnel(out);
            return;
        }
        pendingHead = out;
    }

    /** Writes the held response head on its own: more than this read's bytes follow it. */
    private void sendPendingHead() {
        HttpResponse head = pendingHead;
        if (head != null) {
            pendingHead = null;
            write(head);
        }
    }

    private void responseContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (last && content.decoderResult().isFailure()) {
            // Closed before Content-Length or the last chunk: the client must see a truncation.
            content.release();
            sendPendingHead();
            log.error("{}upstream prematurely closed connection while reading upstream{}", conn(), context());
            upstreamReusable = false;
            client.flush();
            end(false);
            return;
        }
        int n = content.content().readableBytes();
        stats.addBytesReceived(n);
        stats.addResponseLength(n);
        r.addBodyBytesSent(n);
        if (last) {
            stats.ended(0);
            // The upstream is done before the client write: a write that completes at once ends the exchange.
            finishUpstream();
            writeLast((LastHttpContent) content);
            return;
        }
        sendPendingHead();
        if (proxy.buffering()) {
            client.write(content, client.voidPromise()); // the piece is the client write's now
            return;
        }
        // proxy_buffering off: nothing more is read until the client took this piece.
        client.writeAndFlush(content).addListener(f -> {
            if (f.isSuccess()) {
                readUpstream();
            }
        });
    }

    @Override
    public void upstreamReadComplete() {
        if (finished || tunnel) {
            return;
        }
        sendPendingHead();
        client.flush();
        if (responseStarted && proxy.buffering() && client.channel().isWritable()) {
            readUpstream();
        } else if (!responseStarted && upstream != null) {
            // The head is not complete yet. nginx's read timer for the head runs from the moment the
            // request went (ngx_http_upstream_send_request) and is not restarted by partial reads,
            // so a trickled head times out; only body reads restart it.
            if (!timer.armed()) {
                armTimer(proxy.readTimeout(), readTimedOut);
            }
            upstream.read();
        }
    }

    @Override
    public void clientWritabilityChanged() {
        if (tunnel) {
            return;
        }
        if (responseStarted && proxy.buffering() && client.channel().isWritable() && !finished) {
            readUpstream();
        }
        if (!client.channel().isWritable() && !finished) {
            armTimer(settings.client().sendTimeout(), () -> {
                log.info("{}client timed out (110: Connection timed out) while sending to client{}", conn(), context());
                end(false);
            });
        }
    }

    private void readUpstream() {
        if (upstream != null && !finished) {
            armTimer(proxy.readTimeout(), readTimedOut);
            upstream.read();
        }
    }

    private void readTimedOut() {
        log.error("{}upstream timed out (110: Connection timed out) while {}{}", conn(),
                responseStarted ? "reading upstream" : "reading response header from upstream", context());
        upstreamReusable = false;
        if (responseStarted) {
            end(false);
        } else {
            failed(FailureKind.TIMEOUT);
        }
    }

    private void write(HttpObject msg) {
        client.write(msg, client.voidPromise()); // a failed write fires exceptionCaught, which closes
    }

    /**
     * Writes the end of the response (with the held head, as one full response, when the whole
     * body came in one read) and ends the exchange once it is out. Most writes complete in the
     * flush itself; only a client that is not keeping up costs a promise and a listener.
     * The upstream's trailers stay behind: nginx's chunked filter reads past them.
     */
    private void writeLast(LastHttpContent last) {
        HttpResponse head = pendingHead;
        if (head != null) {
            pendingHead = null;
            write(new DefaultFullHttpResponse(head.protocolVersion(), head.status(), last.content(), head.headers(),
                    EmptyHttpHeaders.INSTANCE));
        } else {
            write(last.trailingHeaders().isEmpty() ? last : new DefaultLastHttpContent(last.content()));
        }
        client.flush();
        ChannelOutboundBuffer unsent = client.channel().unsafe().outboundBuffer();
        if (!client.channel().isActive() || unsent == null) {
            end(false);
        } else if (unsent.isEmpty()) {
            end(responseKeepAlive);
        } else {
            // An empty write completes after everything written before it.
            client.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    .addListener((ChannelFutureListener) f -> end(f.isSuccess() && responseKeepAlive));
        }
    }

    // ---- failures and retries -----------------------------------------------------------

    @Override
    public void upstreamInactive() {
        if (finished || tunnel) {
            return;
        }
        if (!responseStarted) {
            // On a kept-alive connection Retries gives the try back: the upstream had closed it.
            log.error("{}upstream prematurely closed connection while reading response header from upstream{}", conn(), context());
            failed(FailureKind.ERROR);
        } else {
            sendPendingHead();
            client.flush();
            upstreamReusable = false;
            end(false);
        }
    }

    @Override
    public void upstreamException(Throwable cause) {
        if (finished || tunnel) {
            return;
        }
        if (!responseStarted) {
            log.error("{}recv() failed ({}) while reading response header from upstream{}", conn(), describe(cause), context());
            failed(FailureKind.ERROR);
        } else {
            log.error("{}recv() failed ({}) while reading upstream{}", conn(), describe(cause), context());
            sendPendingHead();
            client.flush();
            upstreamReusable = false;
            end(false);
        }
    }

    /** What nginx's ngx_http_upstream_next knows about this request when an attempt fails. */
    private RequestFacts facts() {
        RequestFacts facts = RequestFacts.of(r.request().method().name());
        if (headSent) {
            facts = facts.sent();
        }
        if (bodyStreamed) {
            facts = facts.unbuffered();
        }
        if (reused) {
            facts = facts.reused();
        }
        if (responseStarted) {
            facts = facts.started();
        }
        return facts;
    }

    /** An attempt failed before the response head: proxy_next_upstream decides what follows. */
    private void failed(FailureKind kind) {
        cancelTimer();
        closeUpstream();
        Decision decision = retries.failed(peer, kind, facts());
        if (decision.peerFreed()) {
            peerOpen = false;
        }
        stats.ended(decision.status());
        switch (decision.action()) {
            case RETRY -> {
                headSent = false;
                connectNext();
            }
            case RESPOND -> fail(decision.status());
            case ABORT, PASS_THROUGH -> {
                freePeer();
                fail(decision.status());
            }
        }
    }

    /** Frees the current peer as a success (the response went, or the client left), once. */
    private void freePeer() {
        if (peerOpen) {
            peerOpen = false;
            attempt.finish(peer, Outcome.SUCCESS);
        }
    }

    private void fail(int status) {
        if (finished) {
            return;
        }
        if (!responseStarted) {
            finishWithError(status);
        } else {
            end(false);
        }
    }

    private void finishWithError(int status) {
        if (finished) {
            return;
        }
        finished = true;
        freePeer();
        cancelTimer();
        releaseBody();
        closeUpstream();
        connection.sendError(r, status, settings, true);
    }

    // ---- tunnel (Upgrade) ---------------------------------------------------------------

    private void startTunnel(HttpResponse head) {
        tunnel = true;
        freePeer();
        finished = true; // as HTTP, the exchange is over; the tunnel logs the request when it closes
        cancelTimer();
        releaseBody();
        client.writeAndFlush(head);
        Channel channel = upstream;
        upstream = null;
        UpstreamChannel.of(channel).owner(null);
        Tunnel.join(client.channel(), channel, () -> {
            if (!tunnelLogged) {
                tunnelLogged = true;
                server.requestLog().finished(r);
            }
        });
    }

    private boolean tunnelLogged;

    // ---- the end ------------------------------------------------------------------------

    /** The response body ended: the upstream connection goes back to the pool if it may. */
    private void finishUpstream() {
        cancelTimer();
        freePeer();
        Channel channel = upstream;
        upstream = null;
        if (channel == null) {
            return;
        }
        UpstreamChannel uc = UpstreamChannel.of(channel);
        KeepaliveConfig ka = upstreamTarget.keepalive();
        // The request body must have gone out whole too, or the upstream is still waiting for it.
        boolean reuse = upstreamReusable && bodyComplete && ka.connections() > 0 && !server.draining()
                && uc.requests() < ka.requests() && LoopClock.nanoTime() - uc.createdNanos() < ka.time().toNanos()
                && channel.isActive();
        if (reuse) {
            cork.release(channel);
            connection.upstreamPool().release(upstreamTarget.key(), peer.address(), channel, ka,
                    this::context);
        } else {
            uc.owner(null);
            channel.close();
        }
    }

    /** Ends the exchange; the client connection stays only when the whole response went out. */
    private void end(boolean keepConnection) {
        if (finished) {
            return;
        }
        finished = true;
        freePeer();
        cancelTimer();
        releaseBody();
        closeUpstream();
        server.requestLog().finished(r);
        if (!keepConnection) {
            connection.close();
        }
        connection.requestDone(keepConnection);
    }

    @Override
    public void clientClosed() {
        if (finished) {
            return;
        }
        finished = true;
        if (!responseStarted) {
            r.status(499);
            log.info("{}client prematurely closed connection{}", conn(), context());
        }
        cancelTimer();
        releaseBody();
        abortUpstream();
        server.requestLog().finished(r);
    }

    private void abortUpstream() {
        freePeer(); // freed, not counted: the exchange ended without the peer failing
        upstreamReusable = false;
        closeUpstream();
    }

    private void closeUpstream() {
        Channel channel = upstream;
        upstream = null;
        if (channel != null) {
            UpstreamChannel uc = UpstreamChannel.of(channel);
            if (uc != null) {
                uc.owner(null);
            }
            channel.close();
        }
    }

    private void releaseBody() {
        body.forEach(ReferenceCountUtil::release);
        body.clear();
    }

    private void armTimer(Duration timeout, Runnable action) {
        if (!finished) {
            timer.arm(timeout, action);
        }
    }

    private void cancelTimer() {
        timer.disarm();
    }

    private static String describe(Throwable t) {
        String message = String.valueOf(t.getMessage());
        if (message.contains("Connection refused")) {
            return "111: Connection refused";
        }
        if (message.contains("Connection reset")) {
            return "104: Connection reset by peer";
        }
        return message;
    }

    /** nginx's "*CONNECTION " before every request-time message. */
    private String conn() {
        return "*" + r.connection() + " ";
    }

    /** nginx's request-time error context: client, server, request, upstream, host. */
    private String context() {
        String host = r.request().headers().get("Host");
        return ", client: " + r.remote().getAddress().getHostAddress() + ", server: " + r.server().primaryName()
                + ", request: \"" + r.request().method() + " " + r.request().uri() + " " + r.request().protocolVersion()
                + "\"" + (peer == null ? "" : ", upstream: \"http://" + peer.name() + r.uri() + "\"")
                + (host == null ? "" : ", host: \"" + host + "\"");
    }
}
