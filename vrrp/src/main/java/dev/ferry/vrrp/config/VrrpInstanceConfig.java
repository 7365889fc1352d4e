package dev.ferry.vrrp.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One bound {@code vrrp_instance} block, after keepalived's validation rules. Two instances
 * with equal records behave the same, so a reload keeps the running state of every instance
 * whose record did not change.
 *
 * @param name               the instance name ({@code VI_1})
 * @param initialState       {@code state}; MASTER only means something with priority 255
 * @param interfaceName      {@code interface}; {@code null} in unicast mode without one, when
 *                           the interface holding {@code unicast_src_ip} is used
 * @param virtualRouterId    1..255
 * @param priority           1..255 (255 = address owner)
 * @param advertInterval     v2 whole seconds 1..255, v3 10 ms steps 10 ms..40.95 s
 * @param version            2 or 3
 * @param authPass           the v2 simple password (at most 8 bytes), or {@code null} for none
 * @param virtualAddresses   the VIPs, at least one
 * @param preempt            false with {@code nopreempt}
 * @param preemptDelay       {@code preempt_delay}, zero for none
 * @param unicastSource      {@code unicast_src_ip}, or {@code null} for the interface's primary address
 * @param unicastPeers       {@code unicast_peer}s; empty means multicast to 224.0.0.18
 * @param trackInterfaces    {@code track_interface} lines
 * @param trackUpstreams     {@code track_upstream} lines
 * @param notifyScripts      the {@code notify*} commands
 * @param garpMasterDelay    delay of the second GARP burst after becoming master, zero for none
 * @param garpMasterRepeat   GARPs per burst
 * @param garpMasterRefresh  period of GARP refresh while master, zero for none
 */
public record VrrpInstanceConfig(
        String name,
        InitialState initialState,
        String interfaceName,
        int virtualRouterId,
        int priority,
        Duration advertInterval,
        int version,
        String authPass,
        List<VirtualAddress> virtualAddresses,
        boolean preempt,
        Duration preemptDelay,
        Inet4Address unicastSource,
        List<Inet4Address> unicastPeers,
        List<TrackedInterface> trackInterfaces,
        List<TrackedUpstream> trackUpstreams,
        NotifyScripts notifyScripts,
        Duration garpMasterDelay,
        int garpMasterRepeat,
        Duration garpMasterRefresh) {

    public static final int DEFAULT_PRIORITY = 100;
    public static final int OWNER_PRIORITY = 255;

    public VrrpInstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initialState, "initialState");
        if (virtualRouterId < 1 || virtualRouterId > 255) {
            throw new IllegalArgumentException("virtual_router_id must be 1..255");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority must be 1..255");
        }
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3");
        }
        Objects.requireNonNull(advertInterval, "advertInterval");
        long millis = advertInterval.toMillis();
        if (version == 2 ? millis % 1000 != 0 || millis < 1000 || millis > 255_000
                : millis % 10 != 0 || millis < 10 || millis > 40_950) {
            throw new IllegalArgumentException("advert_int out of range for VRRPv" + version + ": " + advertInterval);
        }
        if (authPass != null && (version != 2 || authPass.isEmpty() || authPass.length() > 8)) {
            throw new IllegalArgumentException("auth_pass is 1..8 characters and VRRPv2 only");
        }
        virtualAddresses = List.copyOf(virtualAddresses);
        if (virtualAddresses.isEmpty() || virtualAddresses.size() > 255) {
            throw new IllegalArgumentException("an instance has 1..255 virtual addresses");
        }
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        unicastPeers = List.copyOf(unicastPeers);
        if (interfaceName == null && unicastPeers.isEmpty()) {
            throw new IllegalArgumentException("interface is required unless unicast_peer is set");
        }
        trackInterfaces = List.copyOf(trackInterfaces);
        trackUpstreams = List.copyOf(trackUpstreams);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
        Objects.requireNonNull(garpMasterDelay, "garpMasterDelay");
        Objects.requireNonNull(garpMasterRefresh, "garpMasterRefresh");
        if (garpMasterRepeat < 1 || garpMasterRepeat > 255) {
            throw new IllegalArgumentException("garp_master_repeat must be 1..255");
        }
    }

    /** Adverts go to {@code unicast_peer}s instead of 224.0.0.18 (keepalived's unicast extension). */
    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** The advert interval in centiseconds, the unit of the VRRPv3 field (RFC 5798 §5.2.7). */
    public int advertIntervalCentis() {
        return (int) (advertInterval.toMillis() / 10);
    }
}
