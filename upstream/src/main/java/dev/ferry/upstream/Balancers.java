package dev.ferry.upstream;

import dev.ferry.upstream.config.BalancingMethod;
import dev.ferry.upstream.config.UpstreamConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** Builds the balancer of an upstream group for the method its block chose. */
public final class Balancers {

    private Balancers() {
    }

    /**
     * The balancer for {@code group}'s method, on peers taken from {@code registry} (so health
     * carries over a reload).
     *
     * @param clockMillis a monotonic millisecond clock ({@link #monotonicMillis()} in production)
     * @param random      the source of {@code random}'s draws; a group draws under its own lock,
     *                    but one generator given to several groups is used by them at once, so
     *                    it must then be thread-safe: {@link #threadLocalRandom()} in production,
     *                    a seeded generator per group in tests
     */
    public static Balancer build(UpstreamConfig group, PeerRegistry registry, LongSupplier clockMillis,
            RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        PeerGroup peers = registry.adopt(group, clockMillis);
        return switch (group.method()) {
            case BalancingMethod.RoundRobin r -> new SmoothWeightedRoundRobin(peers);
            case BalancingMethod.LeastConn l -> new LeastConn(peers);
            case BalancingMethod.IpHash i -> new IpHash(peers);
            case BalancingMethod.Hash h when h.consistent() -> new ConsistentHash(peers);
            case BalancingMethod.Hash h -> new Hash(peers);
            case BalancingMethod.Random r when r.two() -> new RandomTwo(peers, random);
            case BalancingMethod.Random r -> new WeightedRandom(peers, random);
        };
    }

    /**
     * The balancers of one configuration by {@link UpstreamConfig#key()}, in the given order;
     * the registry then forgets the groups that are gone.
     */
    public static Map<String, Balancer> buildAll(Collection<UpstreamConfig> groups, PeerRegistry registry,
            LongSupplier clockMillis, RandomGenerator random) {
        Map<String, Balancer> out = new LinkedHashMap<>();
        for (UpstreamConfig group : groups) {
            out.put(group.key(), build(group, registry, clockMillis, random));
        }
        registry.retainOnly(groups);
        return out;
    }

    /**
     * Smooth weighted round robin over fresh peers, whatever method the group chose; for tests
     * and callers without a {@link PeerRegistry}. The proxy uses {@link #build} or {@link #buildAll}.
     */
    public static Balancer roundRobin(UpstreamConfig group, LongSupplier clockMillis) {
        return new SmoothWeightedRoundRobin(new PeerRegistry().adopt(group, clockMillis));
    }

    /** The monotonic clock the proxy uses in production. */
    public static long monotonicMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    /** A thread-safe random source for production: each thread draws from its own generator. */
    public static RandomGenerator threadLocalRandom() {
        return ThreadLocalDraws.INSTANCE;
    }

    /** Delegates to the calling thread's {@link ThreadLocalRandom}. */
    private enum ThreadLocalDraws implements RandomGenerator {
        INSTANCE;

        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public int nextInt(int bound) {
            return ThreadLocalRandom.current().nextInt(bound);
        }
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
