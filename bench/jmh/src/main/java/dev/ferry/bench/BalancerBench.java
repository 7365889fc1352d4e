package dev.ferry.bench;

import dev.ferry.conf.SourcePosition;
import dev.ferry.upstream.Attempt;
import dev.ferry.upstream.Balancer;
import dev.ferry.upstream.Balancers;
import dev.ferry.upstream.Outcome;
import dev.ferry.upstream.Peer;
import dev.ferry.upstream.PeerRegistry;
import dev.ferry.upstream.PickContext;
import dev.ferry.upstream.config.BalancingMethod;
import dev.ferry.upstream.config.KeepaliveConfig;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One request's balancer work: start an attempt, pick a peer, finish it with success (nginx's
 * init/get/free), over 8 weighted peers. The hash method cycles through 1,024 keys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BalancerBench {

    @Param({"round_robin", "least_conn", "hash_consistent"})
    public String method;

    private Balancer balancer;
    private PickContext[] contexts;
    private int next;

    @Setup
    public void setUp() {
        SourcePosition at = SourcePosition.of(Path.of("/bench.conf"), 1);
        List<UpstreamServer> servers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String address = "10.0.0." + (i + 1) + ":8080";
            servers.add(new UpstreamServer(address, List.of(new InetSocketAddress("10.0.0." + (i + 1), 8080)),
                    1 + i % 3, 1, Duration.ofSeconds(10), 0, false, false, at));
        }
        BalancingMethod m = switch (method) {
            case "round_robin" -> BalancingMethod.ROUND_ROBIN;
            case "least_conn" -> new BalancingMethod.LeastConn();
            case "hash_consistent" -> new BalancingMethod.Hash("$request_uri", true);
            default -> throw new IllegalArgumentException(method);
        };
        UpstreamConfig group = new UpstreamConfig("backend", servers, false, m, KeepaliveConfig.DEFAULT, null, at);
        balancer = Balancers.build(group, new PeerRegistry(), Balancers::monotonicMillis, Balancers.threadLocalRandom());
        contexts = new PickContext[1024];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = new PickContext(new byte[] {(byte) 192, 0, 2, (byte) i}, "/api/v1/items/" + i);
        }
    }

    @Benchmark
    public Peer pickAndFinish() {
        Attempt attempt = balancer.start(contexts[next++ & 1023]);
        Peer peer = attempt.next().orElseThrow();
        attempt.finish(peer, Outcome.SUCCESS);
        return peer;
    }
}
