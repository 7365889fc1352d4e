package dev.ferry.server.lifecycle;

import dev.ferry.server.http.RuntimeSnapshot;
import dev.ferry.upstream.Balancer;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.vrrp.track.UpstreamHealth;
import java.util.function.Supplier;

/**
 * The proxy's side of {@code track_upstream}: whether the current snapshot's balancer for a
 * group still has a usable peer — passive health (max_fails / fail_timeout), {@code down} and
 * max_conns as the balancer sees them. The tracker's TCP probes add what a quiet proxy would miss.
 */
public final class ProxyUpstreamHealth implements UpstreamHealth {

    private final Supplier<RuntimeSnapshot> current;

    public ProxyUpstreamHealth(Supplier<RuntimeSnapshot> current) {
        this.current = current;
    }

    @Override
    public boolean hasLivePeer(String upstream) {
        Balancer balancer = current.get().balancer(UpstreamConfig.key(upstream));
        return balancer != null && balancer.hasLivePeer();
    }
}
