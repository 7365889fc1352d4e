package dev.ferry.upstream;

import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Builds the balancer for an upstream group. */
public final class Balancers {

    private Balancers() {
    }

    /** Smooth weighted round robin over the group's primaries, then its backups. */
    public static Balancer roundRobin(UpstreamConfig group, LongSupplier clockMillis) {
        List<Peer> primaries = new ArrayList<>();
        List<Peer> backups = new ArrayList<>();
        for (UpstreamServer server : group.servers()) {
            for (SocketAddress address : server.addresses()) {
                Peer peer = new Peer(peerName(address), address, server.address(), server.weight(),
                        server.maxFails(), server.failTimeout().toMillis(), server.maxConns(), server.down());
                (server.backup() ? backups : primaries).add(peer);
            }
        }
        boolean single = primaries.size() == 1 && backups.isEmpty();
        return new SmoothWeightedRoundRobin(group.name(), new PeerSet(primaries, single),
                new PeerSet(backups, false), clockMillis);
    }

    /** The monotonic clock the proxy uses in production. */
    public static long monotonicMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    /** {@code ip:port} ({@code [v6]:port}) or {@code unix:/path}, as nginx prints a peer. */
    public static String peerName(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return "unix:" + unix.getPath();
        }
        return address.toString();
    }
}
