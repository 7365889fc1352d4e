package dev.ferry.server.http;

import dev.ferry.upstream.config.KeepaliveConfig;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Ticker;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's idle upstream connections, per upstream group, most recently used last —
 * nginx's keepalive cache. Only its own loop touches it. An idle connection is watched: if the
 * upstream closes it or sends anything, it is dropped, so a dead connection is never reused.
 */
final class UpstreamPool {

    private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);

    private final Map<String, ArrayDeque<Idle>> byUpstream = new HashMap<>();
    /**
     * One timer for the whole pool (keepalive_timeout): it closes the connections idle too long
     * and re-arms for the next one due, so taking and returning a connection schedules nothing.
     */
    private final Deadline sweep;
    private final Runnable sweeper = this::sweep;
    private final Ticker clock;

    UpstreamPool(EventLoop loop) {
        this.clock = loop.ticker();
        this.sweep = new Deadline(loop);
    }

    /** An idle connection to {@code peer}, or {@code null}. */
    Channel acquire(String upstream, SocketAddress peer) {
        ArrayDeque<Idle> idle = byUpstream.get(upstream);
        if (idle == null) {
            return null;
        }
        for (Iterator<Idle> it = idle.descendingIterator(); it.hasNext(); ) {
            Idle candidate = it.next();
            if (candidate.peer.equals(peer)) {
                it.remove();
                if (candidate.channel.isActive()) {
                    UpstreamChannel.of(candidate.channel).owner(null);
                    return candidate.channel;
                }
            }
        }
        return null;
    }

    /**
     * Keeps {@code channel} for reuse; the least recently used one goes when the group is full.
     *
     * @param context the error-log context of the exchange that used it last, for the warning
     *                about a response longer than its Content-Length
     */
    void release(String upstream, SocketAddress peer, Channel channel, KeepaliveConfig keepalive,
            Supplier<String> context) {
        ArrayDeque<Idle> idle = byUpstream.computeIfAbsent(upstream, k -> new ArrayDeque<>());
        while (idle.size() >= keepalive.connections()) {
            idle.pollFirst().channel.close();
        }
        idle.addLast(new Idle(peer, channel, clock.nanoTime() + keepalive.timeout().toNanos()));
        sweep.armNoLaterThan(keepalive.timeout(), sweeper);
        UpstreamChannel.of(channel).owner(new Watcher(upstream, channel, context));
        channel.read(); // any byte, or the close, arrives now and drops the connection
    }

    private void drop(String upstream, Channel channel) {
        ArrayDeque<Idle> idle = byUpstream.get(upstream);
        if (idle != null) {
            idle.removeIf(i -> i.channel == channel);
        }
        channel.close();
    }

    /** Closes every idle connection (stop, or a reload that removed the group). */
    void closeAll() {
        byUpstream.values().forEach(q -> q.forEach(i -> i.channel.close()));
        byUpstream.clear();
        sweep.cancel();
    }

    /** Closes the connections whose keepalive_timeout ran out; the timer comes back for the next one. */
    private void sweep() {
        long now = clock.nanoTime();
        long next = Long.MAX_VALUE;
        for (ArrayDeque<Idle> idle : byUpstream.values()) {
            for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
                Idle i = it.next();
                if (i.expiresNanos - now <= 0) {
                    it.remove();
                    i.channel.close();
                } else {
                    next = Math.min(next, i.expiresNanos - now);
                }
            }
        }
        if (next != Long.MAX_VALUE) {
            sweep.arm(Duration.ofNanos(next), sweeper);
        }
    }

    int idleCount() {
        return byUpstream.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private record Idle(SocketAddress peer, Channel channel, long expiresNanos) {
    }

    /** The owner of an idle connection: anything it hears means the connection is no longer reusable. */
    private final class Watcher implements UpstreamListener {
        private final String upstream;
        private final Channel channel;
        /** Set until the read that ended the last response is over. */
        private Supplier<String> lastExchange;

        Watcher(String upstream, Channel channel, Supplier<String> lastExchange) {
            this.upstream = upstream;
            this.channel = channel;
            this.lastExchange = lastExchange;
        }

        @Override
        public void upstreamRead(HttpObject msg) {
            ReferenceCountUtil.release(msg);
            if (lastExchange != null) {
                // Bytes right behind the end of a response: ngx_http_upstream_process_non_buffered_request's warning.
                log.warn("upstream sent more data than specified in \"Content-Length\" header while reading upstream{}",
                        lastExchange.get());
                lastExchange = null;
            }
            drop(upstream, channel);
        }

        @Override
        public void upstreamReadComplete() {
            lastExchange = null;
        }

        @Override
        public void upstreamInactive() {
            drop(upstream, channel);
        }

        @Override
        public void upstreamException(Throwable cause) {
            drop(upstream, channel);
        }
    }
}
