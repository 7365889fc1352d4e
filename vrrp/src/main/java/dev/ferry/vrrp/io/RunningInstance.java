package dev.ferry.vrrp.io;

import dev.ferry.vrrp.config.TrackedInterface;
import dev.ferry.vrrp.config.VirtualAddress;
import dev.ferry.vrrp.config.VrrpInstanceConfig;
import dev.ferry.vrrp.packet.Advertisement;
import dev.ferry.vrrp.packet.ReceiveCheck;
import dev.ferry.vrrp.state.InstanceState;
import dev.ferry.vrrp.state.Parameters;
import dev.ferry.vrrp.state.VrrpStateMachine;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One configured instance bound to the machine: its interface, source address, sockets and
 * state machine, and the current {@link InstanceState}. Touched only by the scheduler thread.
 */
final class RunningInstance {

    final VrrpInstanceConfig config;
    final String interfaceName;
    final int ifindex;
    final byte[] mac;
    final Inet4Address source;
    final Channel channel;
    final VrrpStateMachine machine;
    final ReceiveCheck check;
    final Advertisement advert;
    final List<Inet4Address> destinations;
    /** The instance's own interface (weight 0: down is FAULT, as keepalived without dont_track_primary) and its track_interface lines. */
    final List<TrackedInterface> trackedInterfaces;
    final String label;
    InstanceState state;
    long nextTrackNanos;

    RunningInstance(VrrpInstanceConfig config, String interfaceName, int ifindex, byte[] mac, Inet4Address source,
            Channel channel) {
        this.config = config;
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.mac = mac;
        this.source = source;
        this.channel = channel;
        this.label = "vrrp_instance \"" + config.name() + "\"";
        int centis = config.advertIntervalCentis();
        this.machine = new VrrpStateMachine(new Parameters(config.version(), centis, config.preempt(),
                config.preemptDelay().toNanos(), config.garpMasterRepeat(), config.garpMasterDelay().toNanos(),
                config.garpMasterRefresh().toNanos(), toInt(source)));
        this.check = new ReceiveCheck(config.version(), config.virtualRouterId(), config.authPass(), centis,
                !config.unicast(), config.unicastPeers());
        this.advert = new Advertisement(config.version(), config.virtualRouterId(), config.priority(), centis,
                config.virtualAddresses().stream().map(VirtualAddress::address).toList(), config.authPass());
        this.destinations = config.unicast() ? config.unicastPeers() : List.of(VrrpSocket.GROUP);
        List<TrackedInterface> tracked = new ArrayList<>();
        tracked.add(new TrackedInterface(interfaceName, 0));
        tracked.addAll(config.trackInterfaces());
        this.trackedInterfaces = List.copyOf(tracked);
    }

    int vrid() {
        return config.virtualRouterId();
    }

    long trackPeriodNanos() {
        // Tracking follows advert_int, but sysfs reads and probes more often than 10/s buy nothing.
        return Math.max(config.advertInterval().toNanos(), 100_000_000L);
    }

    InstanceStatus status() {
        return new InstanceStatus(config.name(), state.state(), state.priority(), vrid(), interfaceName,
                config.virtualAddresses().stream().map(VirtualAddress::toString).collect(Collectors.joining(",")));
    }

    static Set<Inet4Address> vipAddresses(VrrpInstanceConfig config) {
        Set<Inet4Address> set = new HashSet<>();
        config.virtualAddresses().forEach(v -> set.add(v.address()));
        return set;
    }

    /** The address as the unsigned 32-bit number RFC 5798 §6.4.3 compares, held in an int. */
    static int toInt(Inet4Address address) {
        return ByteBuffer.wrap(address.getAddress()).getInt();
    }
}
