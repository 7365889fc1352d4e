package dev.ferry.vrrp.config;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Binds the {@code vrrp_instance} blocks of the main context into {@link VrrpInstanceConfig}s,
 * with keepalived 2.2.7's defaults and validation rules (SPEC-vrrp.md §2.3, §4): a setting that
 * keepalived clears with a warning is dropped with a warning here too; one that keepalived
 * refuses is a configuration error.
 */
public final class VrrpBinder {

    private static final Duration DEFAULT_ADVERT_INT = Duration.ofSeconds(1);
    private static final Duration DEFAULT_GARP_DELAY = Duration.ofSeconds(5);
    private static final int DEFAULT_GARP_REPEAT = 5;

    private final UpstreamDirectory upstreams;
    private final Consumer<ConfigWarning> warnings;

    public VrrpBinder(UpstreamDirectory upstreams, Consumer<ConfigWarning> warnings) {
        this.upstreams = upstreams;
        this.warnings = warnings;
    }

    /** Every instance of the main context, in config order. */
    public List<VrrpInstanceConfig> bind(List<Directive> main) {
        List<VrrpInstanceConfig> instances = new ArrayList<>();
        Map<String, String> vridOwners = new HashMap<>();
        for (Directive d : main) {
            if (!d.name().equals("vrrp_instance")) {
                continue;
            }
            VrrpInstanceConfig instance = bindInstance(d);
            // keepalived refuses two instances with one VRID on one interface: their adverts
            // could not be told apart (RFC 5798 §5.2.3: the VRID names the router on the LAN).
            String where = instance.interfaceName() != null ? instance.interfaceName()
                    : instance.unicastSource().getHostAddress();
            String other = vridOwners.putIfAbsent(where + "/" + instance.virtualRouterId(), instance.name());
            if (other != null) {
                throw d.errorText("virtual_router_id " + instance.virtualRouterId() + " of vrrp_instance \""
                        + instance.name() + "\" is already used by vrrp_instance \"" + other + "\" on \"" + where + "\"");
            }
            instances.add(instance);
        }
        return List.copyOf(instances);
    }

    private VrrpInstanceConfig bindInstance(Directive block) {
        String name = block.arg(0);
        Map<String, Directive> single = new HashMap<>();
        List<VirtualAddress> vips = new ArrayList<>();
        List<Inet4Address> peers = new ArrayList<>();
        List<TrackedInterface> trackInterfaces = new ArrayList<>();
        List<TrackedUpstream> trackUpstreams = new ArrayList<>();
        for (Directive d : block.block()) {
            switch (d.name()) {
                case "virtual_ipaddress" -> d.args().forEach(a -> vips.add(VrrpValues.virtualAddress(d, a)));
                case "unicast_peer" -> d.args().forEach(a -> peers.add(VrrpValues.ipv4(d, a)));
                case "track_interface" -> trackInterfaces.add(
                        new TrackedInterface(VrrpValues.interfaceName(d, d.arg(0)), VrrpValues.weight(d)));
                case "track_upstream" -> trackUpstreams.add(trackUpstream(d));
                default -> {
                    if (single.putIfAbsent(d.name(), d) != null) {
                        throw d.error("is duplicate");
                    }
                }
            }
        }

        Directive vrid = single.get("virtual_router_id");
        if (vrid == null) {
            throw new ConfigException("no \"virtual_router_id\" in vrrp_instance \"" + name + "\"", block.position());
        }
        if (vips.isEmpty()) {
            throw new ConfigException("no \"virtual_ipaddress\" in vrrp_instance \"" + name + "\"", block.position());
        }
        Directive iface = single.get("interface");
        if (iface == null && peers.isEmpty()) {
            throw new ConfigException("no \"interface\" in vrrp_instance \"" + name
                    + "\" (it is required unless \"unicast_peer\" is set)", block.position());
        }
        Directive src = single.get("unicast_src_ip");
        if (iface == null && src == null) {
            throw new ConfigException("no \"interface\" or \"unicast_src_ip\" in vrrp_instance \"" + name + "\"",
                    block.position());
        }
        if (vips.size() > 255) {
            throw new ConfigException("more than 255 virtual addresses in vrrp_instance \"" + name + "\"",
                    block.position());
        }

        Directive stateDirective = single.get("state");
        Directive priorityDirective = single.get("priority");
        // keepalived: priority 100 by default, but 255 for "state MASTER" without a priority;
        // without "state" the state follows the priority (255 is MASTER).
        int priority = priorityDirective != null ? VrrpValues.integer(priorityDirective, priorityDirective.arg(0), 1, 255)
                : stateDirective != null && VrrpValues.state(stateDirective) == InitialState.MASTER
                        ? VrrpInstanceConfig.OWNER_PRIORITY : VrrpInstanceConfig.DEFAULT_PRIORITY;
        InitialState state = stateDirective != null ? VrrpValues.state(stateDirective)
                : priority == VrrpInstanceConfig.OWNER_PRIORITY ? InitialState.MASTER : InitialState.BACKUP;

        Directive versionDirective = single.get("version");
        int version = versionDirective == null ? 2 : VrrpValues.integer(versionDirective, versionDirective.arg(0), 2, 3);
        Duration advertInt = advertInterval(single.get("advert_int"), version);

        String authPass = null;
        Directive auth = single.get("auth_pass");
        if (auth != null) {
            if (version == 3) {
                // keepalived refuses authentication for v3: RFC 5798 has no auth fields.
                warn(auth, "\"auth_pass\" is ignored with version 3 (VRRPv3 has no authentication)");
            } else if (auth.arg(0).length() > 8) {
                warn(auth, "only the first 8 characters of \"auth_pass\" are used, as in keepalived");
                authPass = auth.arg(0).substring(0, 8);
            } else {
                authPass = auth.arg(0);
            }
        }

        boolean preempt = true;
        Directive nopreempt = single.get("nopreempt");
        if (nopreempt != null) {
            // keepalived clears nopreempt for an initial MASTER or an address owner: the
            // higher-priority node that would preempt is the one that needs it (PR #346).
            if (state == InitialState.MASTER) {
                warn(nopreempt, "\"nopreempt\" is ignored with state MASTER, as in keepalived");
            } else if (priority == VrrpInstanceConfig.OWNER_PRIORITY) {
                warn(nopreempt, "\"nopreempt\" is ignored with priority 255, as in keepalived");
            } else {
                preempt = false;
            }
        }
        Duration preemptDelay = Duration.ZERO;
        Directive delay = single.get("preempt_delay");
        if (delay != null) {
            Duration value = VrrpValues.time(delay, delay.arg(0), Duration.ZERO, Duration.ofSeconds(1000));
            if (!preempt) {
                warn(delay, "\"preempt_delay\" is ignored with \"nopreempt\", as in keepalived");
            } else if (state == InitialState.MASTER) {
                warn(delay, "\"preempt_delay\" is ignored with state MASTER, as in keepalived");
            } else {
                preemptDelay = value;
            }
        }

        NotifyScripts notify = new NotifyScripts(command(single, "notify_master"), command(single, "notify_backup"),
                command(single, "notify_fault"), command(single, "notify_stop"), command(single, "notify"));
        Directive garpDelay = single.get("garp_master_delay");
        Directive garpRepeat = single.get("garp_master_repeat");
        Directive garpRefresh = single.get("garp_master_refresh");

        return new VrrpInstanceConfig(
                name,
                state,
                iface == null ? null : VrrpValues.interfaceName(iface, iface.arg(0)),
                VrrpValues.integer(vrid, vrid.arg(0), 1, 255),
                priority,
                advertInt,
                version,
                authPass,
                vips,
                preempt,
                preemptDelay,
                src == null ? null : VrrpValues.ipv4(src, src.arg(0)),
                peers,
                trackInterfaces,
                trackUpstreams,
                notify,
                garpDelay == null ? DEFAULT_GARP_DELAY
                        : VrrpValues.time(garpDelay, garpDelay.arg(0), Duration.ZERO, Duration.ofSeconds(1000)),
                garpRepeat == null ? DEFAULT_GARP_REPEAT : VrrpValues.integer(garpRepeat, garpRepeat.arg(0), 1, 255),
                garpRefresh == null ? Duration.ZERO
                        : VrrpValues.time(garpRefresh, garpRefresh.arg(0), Duration.ZERO, Duration.ofSeconds(86400)));
    }

    /**
     * v2 carries whole seconds in one byte (RFC 3768 §5.3.7); v3 carries centiseconds in
     * 12 bits (RFC 5798 §5.2.7). keepalived rounds a v2 value silently; Ferry refuses it so
     * two nodes cannot disagree about what was meant.
     */
    private static Duration advertInterval(Directive d, int version) {
        if (d == null) {
            return DEFAULT_ADVERT_INT;
        }
        Duration value = VrrpValues.time(d, d.arg(0), Duration.ofMillis(10), Duration.ofSeconds(255));
        long ms = value.toMillis();
        if (version == 2 && (ms % 1000 != 0 || ms < 1000)) {
            throw VrrpValues.invalid(d, d.arg(0), "whole seconds from 1s to 255s with version 2");
        }
        if (version == 3 && (ms % 10 != 0 || ms > 40_950)) {
            throw VrrpValues.invalid(d, d.arg(0), "a multiple of 10ms from 10ms to 40950ms with version 3");
        }
        return value;
    }

    private TrackedUpstream trackUpstream(Directive d) {
        String upstream = d.arg(0);
        var peers = upstreams.peers(upstream).orElseThrow(() -> d.errorText(
                "no upstream \"" + upstream + "\" for \"track_upstream\" directive"));
        return new TrackedUpstream(upstream, VrrpValues.weight(d), peers);
    }

    private static List<String> command(Map<String, Directive> single, String name) {
        Directive d = single.get(name);
        return d == null ? List.of() : VrrpValues.command(d);
    }

    private void warn(Directive d, String message) {
        warnings.accept(new ConfigWarning("warn", message, d.position()));
    }
}
