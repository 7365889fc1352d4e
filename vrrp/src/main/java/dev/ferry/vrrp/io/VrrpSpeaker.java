package dev.ferry.vrrp.io;

import dev.ferry.vrrp.config.TrackedUpstream;
import dev.ferry.vrrp.config.VirtualAddress;
import dev.ferry.vrrp.config.VrrpInstanceConfig;
import dev.ferry.vrrp.packet.AdvertisementCodec;
import dev.ferry.vrrp.packet.Ipv4Header;
import dev.ferry.vrrp.packet.ReceivedPacket;
import dev.ferry.vrrp.packet.Verdict;
import dev.ferry.vrrp.state.Action;
import dev.ferry.vrrp.state.Event;
import dev.ferry.vrrp.state.InstanceState;
import dev.ferry.vrrp.state.Step;
import dev.ferry.vrrp.track.EffectivePriority;
import dev.ferry.vrrp.track.TcpProbe;
import dev.ferry.vrrp.track.Tracking;
import dev.ferry.vrrp.track.UpstreamHealth;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded VRRP speaker: one platform thread (a native {@code poll} would pin a virtual
 * thread's carrier) that waits on every instance's socket and deadline, feeds events to the
 * state machines and carries out their actions. Other threads only hand it tasks.
 *
 * <p>Nothing native is opened until an instance is configured, so a config without
 * {@code vrrp_instance} costs nothing and needs no privileges.
 */
public final class VrrpSpeaker {

    private static final Logger log = LoggerFactory.getLogger("ferry.vrrp");
    /** The longest the thread sleeps, so handed-over tasks (reload, stop) start promptly. */
    private static final int MAX_WAIT_MILLIS = 50;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Path statusFile;
    private final UpstreamHealth health;
    private final TcpProbe probe = new TcpProbe();
    private final DropLog drops = new DropLog(log, System::nanoTime, TimeUnit.SECONDS.toNanos(10));
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<String, RunningInstance> instances = new LinkedHashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private volatile List<InstanceStatus> status = List.of();
    private VipManager vips;
    private GratuitousArp garp;
    private Thread thread;
    private volatile boolean running;

    /**
     * @param statusFile where the state of every instance is written on each transition, or {@code null}
     * @param health     the proxy's passive view of upstream health, for {@code track_upstream}
     */
    public VrrpSpeaker(Path statusFile, UpstreamHealth health) {
        this.statusFile = statusFile;
        this.health = Objects.requireNonNull(health, "health");
    }

    /**
     * Makes the running instances those of {@code configs}: unchanged ones keep their state,
     * changed and removed ones shut down (priority 0 if master, VIPs removed), new ones start.
     * The first call with instances opens the native resources; its failure stops everything.
     *
     * @throws VrrpStartFailure naming the instance and the failing call with its errno
     */
    public synchronized void configure(List<VrrpInstanceConfig> configs) throws VrrpStartFailure {
        if (thread == null) {
            if (configs.isEmpty()) {
                return;
            }
            try {
                vips = NetlinkVipManager.open();
                garp = GratuitousArp.open();
            } catch (NativeFailure e) {
                closeShared();
                throw new VrrpStartFailure("vrrp: " + e.getMessage());
            }
            running = true;
            thread = Thread.ofPlatform().name("ferry-vrrp").daemon(true).start(this::loop);
        }
        List<String> failures = call(() -> apply(configs));
        if (!failures.isEmpty()) {
            throw new VrrpStartFailure(String.join("; ", failures));
        }
    }

    /**
     * Resigns every master (a priority-0 advert, RFC 5798 §6.4.3 Shutdown), removes the VIPs,
     * runs notify_stop and closes the sockets. Waits at most a few seconds.
     */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        try {
            call(() -> {
                apply(List.of());
                running = false;
                return List.of();
            });
            thread.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    /** The state of every running instance. */
    public List<InstanceStatus> status() {
        return status;
    }

    // ---- on the scheduler thread ----

    private List<String> call(java.util.function.Supplier<List<String>> task) {
        CompletableFuture<List<String>> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                done.complete(task.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(STOP_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return List.of("vrrp: " + e);
        }
    }

    private List<String> apply(List<VrrpInstanceConfig> configs) {
        Map<String, VrrpInstanceConfig> wanted = new LinkedHashMap<>();
        configs.forEach(c -> wanted.put(c.name(), c));
        long now = System.nanoTime();
        for (RunningInstance old : List.copyOf(instances.values())) {
            if (!old.config.equals(wanted.get(old.config.name()))) {
                handle(old, new Event.Shutdown(), now);
                remove(old);
            }
        }
        List<String> failures = new ArrayList<>();
        for (VrrpInstanceConfig config : wanted.values()) {
            if (instances.containsKey(config.name())) {
                continue;
            }
            try {
                RunningInstance instance = open(config);
                instances.put(config.name(), instance);
                Tracking t = tracking(instance);
                instance.state = InstanceState.initial(t.priority(), t.fault(), config.advertIntervalCentis());
                instance.nextTrackNanos = now + instance.trackPeriodNanos();
                handle(instance, new Event.Startup(), now);
            } catch (VrrpStartFailure e) {
                log.error("{}", e.getMessage());
                failures.add(e.getMessage());
            }
        }
        publishStatus();
        return failures;
    }

    private RunningInstance open(VrrpInstanceConfig config) throws VrrpStartFailure {
        String label = "vrrp_instance \"" + config.name() + "\": ";
        String ifname = config.interfaceName();
        if (ifname == null) {
            ifname = Interfaces.holding(config.unicastSource()).orElseThrow(() -> new VrrpStartFailure(label
                    + "no interface holds unicast_src_ip " + config.unicastSource().getHostAddress()));
        }
        try {
            int ifindex = Interfaces.index(ifname);
            byte[] mac = Interfaces.mac(ifname);
            Inet4Address source = config.unicastSource() != null ? config.unicastSource()
                    : Interfaces.primaryAddress(ifname, RunningInstance.vipAddresses(config)).orElseThrow(
                            () -> new VrrpStartFailure(label + "interface \"" + config.interfaceName()
                                    + "\" has no IPv4 address to send advertisements from"));
            String key = ifname + (config.unicast() ? " unicast " + source.getHostAddress() : "");
            Channel channel = channels.get(key);
            if (channel == null) {
                channel = new Channel(key, VrrpSocket.open(ifname, ifindex, config.unicast() ? source : null));
                channels.put(key, channel);
            }
            RunningInstance instance = new RunningInstance(config, ifname, ifindex, mac, source, channel);
            channel.instances.add(instance);
            return instance;
        } catch (NativeFailure e) {
            throw new VrrpStartFailure(label + e.getMessage());
        } catch (IOException e) {
            throw new VrrpStartFailure(label + e.getMessage());
        }
    }

    private void remove(RunningInstance instance) {
        instances.remove(instance.config.name());
        Channel channel = instance.channel;
        channel.instances.remove(instance);
        if (channel.instances.isEmpty()) {
            channel.socket.close();
            channels.remove(channel.key);
        }
    }

    private void loop() {
        boolean[] ready = new boolean[0];
        while (running) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                if (!running) {
                    break;
                }
                long now = System.nanoTime();
                long next = now + MAX_WAIT_MILLIS * 1_000_000L;
                for (RunningInstance instance : List.copyOf(instances.values())) {
                    if (now - instance.nextTrackNanos >= 0) {
                        instance.nextTrackNanos = now + instance.trackPeriodNanos();
                        track(instance, now);
                    }
                    if (now >= instance.state.nextDeadline()) {
                        handle(instance, new Event.TimerExpired(), now);
                    }
                    next = Math.min(next, Math.min(instance.nextTrackNanos, instance.state.nextDeadline()));
                }
                List<Channel> open = List.copyOf(channels.values());
                int[] fds = new int[open.size()];
                for (int i = 0; i < fds.length; i++) {
                    fds[i] = open.get(i).socket.receiveFd();
                }
                if (ready.length != fds.length) {
                    ready = new boolean[fds.length];
                }
                long waitNanos = Math.max(0, next - System.nanoTime());
                int waitMillis = (int) Math.min(MAX_WAIT_MILLIS, (waitNanos + 999_999) / 1_000_000);
                LinuxNet.poll(fds, ready, waitMillis);
                for (int i = 0; i < fds.length; i++) {
                    if (ready[i]) {
                        Channel channel = open.get(i);
                        channel.socket.drain(64, packet -> received(channel, packet));
                    }
                }
            } catch (NativeFailure | RuntimeException e) {
                log.error("vrrp: {}", e.getMessage(), e);
            }
        }
        closeAll();
    }

    private void received(Channel channel, ReceivedPacket packet) {
        RunningInstance instance = channel.byVrid(packet.vrid());
        if (instance == null) {
            // Other VRRP routers on the LAN are normal (RFC 5798 §7.1 silently discards them).
            log.debug("vrrp: {}: advertisement for VRID {} from {} is for no local instance", channel.key,
                    packet.vrid(), packet.source().getHostAddress());
            return;
        }
        if (packet.source().equals(instance.source)) {
            return; // our own, looped back
        }
        switch (instance.check.check(packet)) {
            case Verdict.Accepted a -> handle(instance, new Event.AdvertReceived(a.advertisement().priority(),
                    RunningInstance.toInt(a.source()), a.advertisement().intervalCentis()), System.nanoTime());
            case Verdict.Dropped d -> drops.dropped(instance.label, d.reason(), d.detail());
        }
    }

    private Tracking tracking(RunningInstance instance) {
        List<TrackedUpstream> upstreams = instance.config.trackUpstreams();
        for (TrackedUpstream t : upstreams) {
            probe.probe(t.peers(), instance.config.advertInterval());
        }
        return EffectivePriority.compute(instance.config.priority(), instance.trackedInterfaces, Interfaces::isUp,
                upstreams, name -> upstreamLive(upstreams, name));
    }

    private boolean upstreamLive(List<TrackedUpstream> upstreams, String name) {
        for (TrackedUpstream t : upstreams) {
            if (t.name().equals(name)) {
                return health.hasLivePeer(name) && probe.anyReachable(t.peers());
            }
        }
        return true;
    }

    private void track(RunningInstance instance, long now) {
        Tracking t = tracking(instance);
        if (t.priority() != instance.state.priority() || t.fault() != instance.state.fault()) {
            log.info("{}: effective priority {} -> {}{}", instance.label, instance.state.priority(), t.priority(),
                    t.fault() ? ", a tracked item without weight is down" : "");
            handle(instance, new Event.TrackingChanged(t.priority(), t.fault()), now);
        }
    }

    private void handle(RunningInstance instance, Event event, long now) {
        Step step = instance.machine.step(instance.state, event, now);
        instance.state = step.state();
        boolean transition = false;
        for (Action action : step.actions()) {
            transition |= action instanceof Action.Transition;
            perform(instance, action);
        }
        if (transition) {
            publishStatus();
        }
    }

    private void perform(RunningInstance instance, Action action) {
        try {
            switch (action) {
                case Action.SendAdvert a -> {
                    for (Inet4Address to : instance.destinations) {
                        byte[] message = AdvertisementCodec.encode(instance.advert.withPriority(a.priority()),
                                instance.source, to);
                        instance.channel.socket.send(Ipv4Header.wrap(instance.source, to, message), to);
                    }
                }
                case Action.AddVips a -> {
                    for (VirtualAddress vip : instance.config.virtualAddresses()) {
                        vips.add(instance.interfaceName, instance.ifindex, vip);
                    }
                    log.info("{}: setting VIPs {}", instance.label, instance.config.virtualAddresses());
                }
                case Action.RemoveVips a -> {
                    for (VirtualAddress vip : instance.config.virtualAddresses()) {
                        vips.remove(instance.interfaceName, instance.ifindex, vip);
                    }
                }
                case Action.SendGratuitousArp a -> {
                    for (VirtualAddress vip : instance.config.virtualAddresses()) {
                        for (int i = 0; i < a.count(); i++) {
                            garp.send(instance.interfaceName, instance.ifindex, instance.mac, vip.address());
                        }
                    }
                }
                case Action.Notify n -> NotifyRunner.run(instance.config.name(), instance.config.notifyScripts(),
                        n.hook(), instance.state.priority());
                case Action.Transition t -> log.info("{}: {} -> {}: {}", instance.label, t.from(), t.to(), t.reason());
            }
        } catch (NativeFailure e) {
            // keepalived logs and carries on (a send error must not stop the timers; SPEC-vrrp.md §8 #9).
            log.error("{}: {}", instance.label, e.getMessage());
        }
    }

    private void publishStatus() {
        List<InstanceStatus> now = instances.values().stream().map(RunningInstance::status).toList();
        status = now;
        if (statusFile == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        now.forEach(s -> text.append(s.line()).append('\n'));
        try {
            Files.createDirectories(statusFile.toAbsolutePath().getParent());
            Path tmp = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("vrrp: cannot write {} ({})", statusFile, e.getMessage());
        }
    }

    private void closeAll() {
        channels.values().forEach(c -> c.socket.close());
        channels.clear();
        instances.clear();
        closeShared();
        if (statusFile != null) {
            try {
                Files.deleteIfExists(statusFile);
            } catch (IOException e) {
                log.debug("vrrp: {}", e.getMessage());
            }
        }
    }

    private void closeShared() {
        if (vips != null) {
            vips.close();
            vips = null;
        }
        if (garp != null) {
            garp.close();
            garp = null;
        }
    }
}
