package dev.ferry.vrrp.track;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP connect probes of upstream peers, each on its own virtual thread so the scheduler never
 * waits for a connect. A peer not yet probed counts as reachable, so start-up does not flap.
 */
public final class TcpProbe {

    private final Map<InetSocketAddress, Boolean> reachable = new ConcurrentHashMap<>();
    private final Set<InetSocketAddress> inFlight = ConcurrentHashMap.newKeySet();

    /** Starts a connect to every peer that has no probe running; returns at once. */
    public void probe(List<InetSocketAddress> peers, Duration timeout) {
        int millis = (int) Math.max(50, Math.min(timeout.toMillis(), 5000));
        for (InetSocketAddress peer : peers) {
            if (inFlight.add(peer)) {
                Thread.ofVirtual().name("ferry-vrrp-probe").start(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(peer, millis);
                        reachable.put(peer, true);
                    } catch (IOException e) {
                        reachable.put(peer, false);
                    } finally {
                        inFlight.remove(peer);
                    }
                });
            }
        }
    }

    /** Whether any of {@code peers} answered its last probe (or has not been probed yet). */
    public boolean anyReachable(List<InetSocketAddress> peers) {
        for (InetSocketAddress peer : peers) {
            if (reachable.getOrDefault(peer, true)) {
                return true;
            }
        }
        return false;
    }
}
