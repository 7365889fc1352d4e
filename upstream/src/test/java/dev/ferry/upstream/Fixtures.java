package dev.ferry.upstream;

import dev.ferry.conf.Directive;
import dev.ferry.conf.SourcePosition;
import dev.ferry.upstream.config.BalancingMethod;
import dev.ferry.upstream.config.HostResolver;
import dev.ferry.upstream.config.KeepaliveConfig;
import dev.ferry.upstream.config.UpstreamBinder;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Upstream groups for tests, written as {@code server} lines: {@code "a weight=5"} is the
 * server 127.0.0.1:9001 with weight 5, {@code "b backup"} is 127.0.0.1:9002 as a backup, and
 * so on, read by the real binder. Peers print as their letter.
 */
final class Fixtures {

    static final SourcePosition AT = SourcePosition.of(Path.of("/t.conf"), 1);

    /** "two.test" resolves to two addresses (ports of the line); literals resolve to themselves. */
    static final HostResolver RESOLVER = host -> host.equals("two.test")
            ? List.of(InetAddress.ofLiteral("127.0.0.2"), InetAddress.ofLiteral("127.0.0.3"))
            : List.of(InetAddress.ofLiteral(host));

    private Fixtures() {
    }

    /** A settable millisecond clock. */
    static final class Clock implements LongSupplier {
        long now = 1_000_000;

        @Override
        public long getAsLong() {
            return now;
        }

        void advance(long millis) {
            now += millis;
        }
    }

    /** {@code "a weight=2 backup"} to a server line for 127.0.0.1:9001; other words pass as written. */
    static UpstreamServer server(String line) {
        String[] words = line.trim().split("\\s+");
        List<String> args = new ArrayList<>();
        args.add(words[0].length() == 1 ? "127.0.0.1:" + port(words[0].charAt(0)) : words[0]);
        args.addAll(Arrays.asList(words).subList(1, words.length));
        return new UpstreamBinder(RESOLVER).bindServer(Directive.simple("server", args, AT));
    }

    static int port(char letter) {
        return 9001 + (letter - 'a');
    }

    static UpstreamConfig group(BalancingMethod method, String... lines) {
        List<UpstreamServer> servers = Arrays.stream(lines).map(Fixtures::server).toList();
        return new UpstreamConfig("backend", servers, false, method, KeepaliveConfig.DEFAULT, null, AT);
    }

    static Balancer balancer(BalancingMethod method, LongSupplier clock, RandomGenerator random, String... lines) {
        return Balancers.build(group(method, lines), new PeerRegistry(), clock, random);
    }

    static Balancer roundRobin(LongSupplier clock, String... lines) {
        return balancer(BalancingMethod.ROUND_ROBIN, clock, new SplittableRandom(42), lines);
    }

    /** The letter of a peer on 127.0.0.1:90xx. */
    static char letter(Peer peer) {
        return (char) ('a' + ((InetSocketAddress) peer.address()).getPort() - 9001);
    }

    /** One request: pick, report {@code outcome}, return the letter ('-' when none). */
    static char once(Balancer balancer, PickContext context, Outcome outcome) {
        Attempt attempt = balancer.start(context);
        Peer peer = attempt.next().orElse(null);
        if (peer == null) {
            return '-';
        }
        attempt.finish(peer, outcome);
        return letter(peer);
    }

    /** {@code requests} successful requests, as a string of letters. */
    static String sequence(Balancer balancer, int requests) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            out.append(once(balancer, PickContext.NONE, Outcome.SUCCESS));
        }
        return out.toString();
    }

    /** The peers of a balancer's primary tier, for white-box checks of their counters. */
    static List<Peer> primaries(Balancer balancer) {
        return ((GroupBalancer) balancer).group.primary.peers;
    }


    /** The client address bytes of an IP literal. */
    static PickContext client(String ip) {
        return new PickContext(InetAddress.ofLiteral(ip).getAddress(), "");
    }

    static PickContext key(String hashKey) {
        return new PickContext(new byte[0], hashKey);
    }
}
