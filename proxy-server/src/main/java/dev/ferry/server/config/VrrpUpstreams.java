package dev.ferry.server.config;

import dev.ferry.upstream.config.UpstreamConfig;
import dev.ferry.upstream.config.UpstreamServer;
import dev.ferry.vrrp.config.UpstreamDirectory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The upstream groups of the http block as {@code track_upstream} sees them: the TCP peers to probe. */
final class VrrpUpstreams {

    private VrrpUpstreams() {
    }

    static UpstreamDirectory of(HttpConfig http) {
        return name -> {
            UpstreamConfig group = http.upstreams().get(UpstreamConfig.key(name));
            if (group == null || group.implicit()) {
                return Optional.empty();
            }
            List<InetSocketAddress> peers = new ArrayList<>();
            for (UpstreamServer server : group.servers()) {
                if (server.down()) {
                    continue; // marked down: never used, so never a reason to keep the VIP
                }
                for (SocketAddress address : server.addresses()) {
                    if (address instanceof InetSocketAddress inet) {
                        peers.add(inet);
                    }
                }
            }
            return Optional.of(peers);
        };
    }
}
