package dev.ferry.server.lifecycle;

import dev.ferry.server.config.FerryConfig;
import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.vrrp.track.UpstreamHealth;
import java.util.function.Supplier;

/**
 * The proxy's side of {@code track_upstream}: whether the current configuration leaves any
 * peer of a group usable. The balancer does not yet expose its max_fails/fail_timeout marks,
 * so today this sees {@code down} only, and the tracker's TCP connect probes find dead peers.
 */
public final class ProxyUpstreamHealth implements UpstreamHealth {

    private final Supplier<FerryConfig> current;

    public ProxyUpstreamHealth(Supplier<FerryConfig> current) {
        this.current = current;
    }

    @Override
    public boolean hasLivePeer(String upstream) {
        UpstreamConfig group = current.get().http().upstreams().get(UpstreamConfig.key(upstream));
        return group != null && group.servers().stream().anyMatch(server -> !server.down());
    }
}
