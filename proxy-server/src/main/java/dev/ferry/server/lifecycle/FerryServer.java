package dev.ferry.server.lifecycle;

import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.ListenConfig;
import dev.ferry.server.config.ServerSettings;
import dev.ferry.server.http.HttpConnection;
import dev.ferry.server.http.RequestLog;
import dev.ferry.server.http.ResponseEncoder;
import dev.ferry.server.http.ServerContext;
import dev.ferry.server.http.UpstreamConnector;
import dev.ferry.server.http.strict.RequestGuard;
import dev.ferry.server.http.strict.StrictCodec;
import dev.ferry.upstream.PeerRegistry;
import dev.ferry.server.http.RuntimeSnapshot;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side: binds the listeners of a configuration, serves every connection with
 * the current {@link RuntimeSnapshot}, and swaps snapshots on reload. Listeners that stay
 * across a reload keep their sockets; new ones are bound before the swap, vanished ones close.
 */
public final class FerryServer {

    private static final Logger log = LoggerFactory.getLogger(FerryServer.class);

    private final Transport transport;
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private volatile RuntimeSnapshot snapshot;
    private volatile boolean draining;
    private final UpstreamConnector upstreams;
    /** Upstream peer health and weights, carried across reloads for servers that did not change. */
    private final PeerRegistry peers = new PeerRegistry();
    private final Context context;

    /** What connections share with the server. */
    private final class Context implements ServerContext {
        private final RequestLog requestLog;

        Context(RequestLog requestLog) {
            this.requestLog = requestLog;
        }

        @Override
        public RuntimeSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public UpstreamConnector upstreams() {
            return upstreams;
        }

        @Override
        public RequestLog requestLog() {
            return requestLog;
        }

        @Override
        public boolean draining() {
            return draining;
        }
    }

    /** The header settings of the default server of the address a connection arrived on. */
    private ServerSettings headerSettings(Channel ch) {
        var selector = snapshot.selectorFor((InetSocketAddress) ch.localAddress());
        return selector == null ? ServerSettings.DEFAULTS : selector.defaultServer().header();
    }

    public FerryServer(FerryConfig config, Transport transport, RequestLog requestLog) {
        this.transport = transport;
        this.upstreams = new UpstreamConnector(transport.socketChannel());
        this.context = new Context(requestLog);
        int threads = config.main().workerProcesses() == 0
                ? Runtime.getRuntime().availableProcessors() : config.main().workerProcesses();
        this.workers = transport.newGroup(threads, "ferry-loop");
        this.snapshot = new RuntimeSnapshot(config, peers);
    }

    public RuntimeSnapshot current() {
        return snapshot;
    }

    /** Binds every listener or none: a failure closes what was bound and names the address. */
    public void start() throws BindFailure {
        bindMissing(snapshot);
    }

    /** Installs a new configuration; in-flight requests finish on the old snapshot. */
    public synchronized void reload(FerryConfig config) throws BindFailure {
        RuntimeSnapshot next = new RuntimeSnapshot(config, peers);
        // The new snapshot goes first: a connection to a new listener is served the moment the
        // listener exists, and a client that saw it answer finds the new configuration everywhere.
        RuntimeSnapshot previous = snapshot;
        snapshot = next;
        try {
            bindMissing(next);
        } catch (BindFailure e) {
            snapshot = previous; // nginx keeps the old configuration when a bind fails
            throw e;
        }
        listeners.entrySet().removeIf(entry -> {
            if (next.listens().containsKey(entry.getKey()) || coveredByWildcard(next, entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
    }

    private synchronized void bindMissing(RuntimeSnapshot target) throws BindFailure {
        Map<String, Channel> bound = new HashMap<>();
        for (Map.Entry<String, ListenConfig> entry : target.listens().entrySet()) {
            String key = entry.getKey();
            if (listeners.containsKey(key) || coveredByWildcard(target, key)) {
                continue;
            }
            ListenConfig listen = entry.getValue();
            InetSocketAddress address = listen.host() == null
                    ? new InetSocketAddress(listen.port()) : new InetSocketAddress(listen.host(), listen.port());
            try {
                bound.put(key, bootstrap(listen).bind(address).sync().channel());
            } catch (Exception e) {
                bound.values().forEach(Channel::close);
                throw new BindFailure("bind() to " + key + " failed (" + Errno.describe(e) + ")");
            }
        }
        listeners.putAll(bound);
    }

    /** nginx binds only *:port when both *:port and addr:port are configured (without "bind"). */
    private static boolean coveredByWildcard(RuntimeSnapshot target, String key) {
        int colon = key.lastIndexOf(':');
        String wildcard = "0.0.0.0" + key.substring(colon);
        return !key.equals(wildcard) && target.listens().containsKey(wildcard);
    }

    private ServerBootstrap bootstrap(ListenConfig listen) {
        ServerBootstrap b = new ServerBootstrap()
                // Listeners live on the event loops too, as in nginx's workers: an accepted
                // connection is registered on a loop without a hand-off to another thread.
                .group(workers, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, listen.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, AcceptBatch.allocator())
                // No TCP_NODELAY option: Netty sets it on every socket it makes (nginx's tcp_nodelay
                // on); asking again cost one more setsockopt per connection.
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        HttpConnection connection = new HttpConnection(context);
                        ServerSettings header = headerSettings(ch);
                        // nginx's request syntax, on raw bytes; it tells the connection when bytes arrive.
                        ch.pipeline().addLast("strict", new RequestGuard(header, connection::bytesArrived,
                                connection::headScanned));
                        ch.pipeline().addLast("http", StrictCodec.server(header));
                        ch.pipeline().addLast("response", new ResponseEncoder());
                        ch.pipeline().addLast("connection", connection);
                    }
                });
        if (listen.reuseport() && transport.name().equals("epoll")) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        return b;
    }

    /**
     * Graceful stop (QUIT): no new connections, idle keep-alive connections closed, requests in
     * flight finish and answer with "Connection: close"; after {@code shutdownTimeout} (nginx's
     * worker_shutdown_timeout; null waits for ever) whatever is left is closed.
     */
    public void quit(Duration shutdownTimeout) {
        draining = true;
        listeners.values().forEach(Channel::close);
        listeners.clear();
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> {
                HttpConnection connection = ch.pipeline().get(HttpConnection.class);
                if (connection != null) {
                    connection.closeIfIdle();
                }
            });
        }
        var closed = connections.newCloseFuture();
        if (shutdownTimeout == null) {
            closed.awaitUninterruptibly();
        } else if (!closed.awaitUninterruptibly(shutdownTimeout.toMillis())) {
            log.warn("worker_shutdown_timeout: closing {} connections still open", connections.size());
        }
        stop();
    }

    /** Fast stop: close listeners and connections, then the event loops. */
    public void stop() {
        draining = true;
        upstreams.closeIdle();
        listeners.values().forEach(Channel::close);
        listeners.clear();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        log.debug("server stopped");
    }

    /** A listener could not be bound; the message is nginx's. */
    public static final class BindFailure extends Exception {
        public BindFailure(String message) {
            super(message);
        }
    }
}
