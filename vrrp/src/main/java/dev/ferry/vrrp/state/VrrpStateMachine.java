package dev.ferry.vrrp.state;

import dev.ferry.vrrp.state.Action.AddVips;
import dev.ferry.vrrp.state.Action.Hook;
import dev.ferry.vrrp.state.Action.Notify;
import dev.ferry.vrrp.state.Action.RemoveVips;
import dev.ferry.vrrp.state.Action.SendAdvert;
import dev.ferry.vrrp.state.Action.SendGratuitousArp;
import dev.ferry.vrrp.state.Action.Transition;
import java.util.ArrayList;
import java.util.List;

/**
 * The VRRP state machine of RFC 5798 §6.4 (and RFC 3768 §6.4 for v2) with keepalived 2.2.7's
 * extensions (SPEC-vrrp.md §2): a total function {@code (state, event, now) -> (state',
 * actions)}. No I/O and no clock: {@code now} is given, and every event in every state has an
 * answer (possibly "nothing").
 */
public final class VrrpStateMachine {

    /** Skew and timers for a 255 owner never matter, but a priority of 0 must not reach them. */
    private static final int SEND_RESIGN = 0;

    private final Parameters p;

    public VrrpStateMachine(Parameters parameters) {
        this.p = parameters;
    }

    public Parameters parameters() {
        return p;
    }

    public Step step(InstanceState s, Event event, long now) {
        return switch (s.state()) {
            case INITIALIZE -> initialize(s, event, now);
            case BACKUP -> backup(s, event, now);
            case MASTER -> master(s, event, now);
            case FAULT -> fault(s, event, now);
        };
    }

    // ---- Initialize (RFC 5798 §6.4.1) ----

    private Step initialize(InstanceState s, Event event, long now) {
        return switch (event) {
            case Event.Startup e -> start(s, now, "startup");
            case Event.TrackingChanged t -> new Step(s.withTracking(t.priority(), t.fault()), List.of());
            default -> new Step(s, List.of());
        };
    }

    /**
     * Leaving Initialize (at startup, or FAULT when tracking recovers). An owner (255) becomes
     * Master at once; anyone else starts the Master_Down timer in Backup — keepalived does this
     * even for {@code state MASTER} below 255 (SPEC-vrrp.md §2.3). VIPs are removed on the way
     * into Backup because a crash (kill -9) leaves them configured (SPEC-vrrp.md §3).
     */
    private Step start(InstanceState s, long now, String why) {
        if (s.fault()) {
            List<Action> actions = new ArrayList<>();
            actions.add(new Transition(s.state(), VrrpState.FAULT, why + ", a tracked item is down"));
            actions.add(new RemoveVips());
            actions.add(new Notify(Hook.FAULT));
            return new Step(s.with(VrrpState.FAULT, InstanceState.NONE, InstanceState.NONE), actions);
        }
        if (s.priority() == 255) {
            return becomeMaster(s, now, why + ", priority 255 (address owner; RFC 5798 §6.4.1)");
        }
        InstanceState backup = s.withMaster(p.advertCentis(), 0).withPreemptUntil(InstanceState.NONE);
        long down = now + p.masterDownNanos(s.priority(), p.advertCentis());
        return new Step(backup.with(VrrpState.BACKUP, down, InstanceState.NONE), List.of(
                new Transition(s.state(), VrrpState.BACKUP, why),
                new RemoveVips(),
                new Notify(Hook.BACKUP)));
    }

    /**
     * RFC 5798 §6.4.1/§6.4.2 "transition to Master", in keepalived's order
     * ({@code vrrp_state_become_master}): add the VIPs, gratuitous ARPs (the second burst
     * after garp_master_delay), notify, then the first advertisement and the Adver timer.
     */
    private Step becomeMaster(InstanceState s, long now, String why) {
        long garp = p.garpDelayNanos() > 0 ? now + p.garpDelayNanos()
                : p.garpRefreshNanos() > 0 ? now + p.garpRefreshNanos() : InstanceState.NONE;
        InstanceState master = s.with(VrrpState.MASTER, now + p.advertNanos(), garp).withMaster(p.advertCentis(), 0)
                .withPreemptUntil(InstanceState.NONE);
        return new Step(master, List.of(
                new Transition(s.state(), VrrpState.MASTER, why),
                new AddVips(),
                new SendGratuitousArp(p.garpRepeat()),
                new Notify(Hook.MASTER),
                new SendAdvert(s.priority())));
    }

    // ---- Backup (RFC 5798 §6.4.2) ----

    private Step backup(InstanceState s, Event event, long now) {
        return switch (event) {
            case Event.TimerExpired e -> now >= s.timerNanos()
                    ? becomeMaster(s, now, "no advertisement within Master_Down_Interval ("
                            + millis(p.masterDownNanos(s.priority(), s.masterAdverCentis())) + "; RFC 5798 §6.4.2)")
                    : new Step(s, List.of());
            case Event.AdvertReceived a -> backupHears(s, a, now);
            case Event.TrackingChanged t -> t.fault()
                    ? new Step(s.withTracking(t.priority(), true).with(VrrpState.FAULT, InstanceState.NONE,
                            InstanceState.NONE), List.of(
                                    new Transition(VrrpState.BACKUP, VrrpState.FAULT, "a tracked item is down"),
                                    new Notify(Hook.FAULT)))
                    // The Master_Down timer keeps its deadline; the new priority counts from the next advert.
                    : new Step(s.withTracking(t.priority(), false), List.of());
            case Event.Shutdown e -> stopped(s, List.of());
            case Event.Startup e -> new Step(s, List.of());
        };
    }

    private Step backupHears(InstanceState s, Event.AdvertReceived a, long now) {
        if (a.priority() == 0) {
            // "If the Priority in the ADVERTISEMENT is zero, then: Set the Master_Down_Timer to
            // Skew_Time" — the quick takeover after a clean resignation.
            return new Step(s.withTimer(now + p.skewNanos(s.priority(), s.masterAdverCentis())), List.of());
        }
        boolean accept = !p.preempt() || a.priority() >= s.priority();
        InstanceState next = s;
        if (!accept && p.preemptDelayNanos() > 0) {
            // keepalived's preempt_delay: for N seconds after first seeing a lower-priority master,
            // keep treating its adverts as valid, so a flapping link does not make us preempt at once.
            if (s.preemptUntilNanos() == InstanceState.NONE) {
                next = s.withPreemptUntil(now + p.preemptDelayNanos());
            }
            accept = now < next.preemptUntilNanos();
        }
        if (!accept) {
            // "Discard the ADVERTISEMENT": the timer runs on and this node preempts when it fires.
            return new Step(next, List.of());
        }
        // "Set Master_Adver_Interval to Adver Interval contained in the ADVERTISEMENT" (v3 only:
        // v2 intervals must match, the receive check drops the rest), "Recompute the
        // Master_Down_Interval", "Reset the Master_Down_Timer".
        int adver = p.version() == 3 ? a.intervalCentis() : p.advertCentis();
        next = next.withMaster(adver, a.source());
        return new Step(next.withTimer(now + p.masterDownNanos(s.priority(), adver)), List.of());
    }

    // ---- Master (RFC 5798 §6.4.3) ----

    private Step master(InstanceState s, Event event, long now) {
        return switch (event) {
            case Event.TimerExpired e -> masterTimers(s, now);
            case Event.AdvertReceived a -> masterHears(s, a, now);
            case Event.TrackingChanged t -> masterTracking(s, t, now);
            case Event.Shutdown e -> stopped(s, List.of(new SendAdvert(SEND_RESIGN), new RemoveVips()));
            case Event.Startup e -> new Step(s, List.of());
        };
    }

    private Step masterTimers(InstanceState s, long now) {
        List<Action> actions = new ArrayList<>();
        InstanceState next = s;
        if (now >= s.timerNanos()) {
            // "If the Adver_Timer fires: Send an ADVERTISEMENT, Reset the Adver_Timer".
            actions.add(new SendAdvert(s.priority()));
            long due = s.timerNanos() + p.advertNanos();
            next = next.withTimer(due > now ? due : now + p.advertNanos());
        }
        if (now >= s.garpNanos()) {
            // The second burst after garp_master_delay, then garp_master_refresh if set.
            actions.add(new SendGratuitousArp(p.garpRepeat()));
            next = next.withGarp(p.garpRefreshNanos() > 0 ? now + p.garpRefreshNanos() : InstanceState.NONE);
        }
        return new Step(next, actions);
    }

    private Step masterHears(InstanceState s, Event.AdvertReceived a, long now) {
        if (a.priority() == 0) {
            // "If the Priority in the ADVERTISEMENT is zero, then: Send an ADVERTISEMENT, Reset
            // the Adver_Timer" — stops the resigning peer's backups from taking over.
            return new Step(s.withTimer(now + p.advertNanos()), List.of(new SendAdvert(s.priority())));
        }
        boolean higher = a.priority() > s.priority()
                || a.priority() == s.priority() && Integer.compareUnsigned(a.source(), p.localAddress()) > 0;
        if (higher) {
            // "Cancel Adver_Timer, set Master_Adver_Interval (v3), recompute Skew_Time and
            // Master_Down_Interval, start Master_Down_Timer, transition to Backup" — and release the VIPs.
            int adver = p.version() == 3 ? a.intervalCentis() : p.advertCentis();
            InstanceState backup = s.withMaster(adver, a.source())
                    .with(VrrpState.BACKUP, now + p.masterDownNanos(s.priority(), adver), InstanceState.NONE);
            return new Step(backup, List.of(
                    new Transition(VrrpState.MASTER, VrrpState.BACKUP, "advertisement with "
                            + (a.priority() > s.priority() ? "higher priority " + a.priority() + ", ours " + s.priority()
                                    : "equal priority " + a.priority() + " from a higher address")
                            + " (RFC 5798 §6.4.3)"),
                    new RemoveVips(),
                    new Notify(Hook.BACKUP)));
        }
        // The RFC discards a lower-priority advert. keepalived answers with an advert ("forcing a
        // new election") and gratuitous ARPs (garp_lower_prio_*), which heals a split brain and
        // fixes the neighbours' caches (SPEC-vrrp.md §2.2, §8 #3); so do we.
        long garp = p.garpDelayNanos() > 0 ? Math.min(s.garpNanos(), now + p.garpDelayNanos()) : s.garpNanos();
        return new Step(s.withGarp(garp), List.of(new SendAdvert(s.priority()), new SendGratuitousArp(p.garpRepeat())));
    }

    private Step masterTracking(InstanceState s, Event.TrackingChanged t, long now) {
        if (t.fault()) {
            // keepalived's FAULT: resign with priority 0 first so a backup takes over after Skew_Time.
            InstanceState fault = s.withTracking(t.priority(), true)
                    .with(VrrpState.FAULT, InstanceState.NONE, InstanceState.NONE);
            return new Step(fault, List.of(
                    new Transition(VrrpState.MASTER, VrrpState.FAULT, "a tracked item is down"),
                    new SendAdvert(SEND_RESIGN),
                    new RemoveVips(),
                    new Notify(Hook.FAULT)));
        }
        if (t.priority() == s.priority()) {
            return new Step(s.withTracking(t.priority(), false), List.of());
        }
        // Advertise the new priority at once so a preempting backup starts counting now.
        InstanceState next = s.withTracking(t.priority(), false).withTimer(now + p.advertNanos());
        return new Step(next, List.of(new SendAdvert(t.priority())));
    }

    // ---- Fault (keepalived) ----

    private Step fault(InstanceState s, Event event, long now) {
        return switch (event) {
            case Event.TrackingChanged t -> t.fault()
                    ? new Step(s.withTracking(t.priority(), true), List.of())
                    : start(s.withTracking(t.priority(), false), now, "tracked items are up again");
            case Event.Shutdown e -> stopped(s, List.of());
            default -> new Step(s, List.of());
        };
    }

    /** Shutdown from any running state: RFC 5798 §6.4.2/§6.4.3, then keepalived's notify_stop. */
    private static Step stopped(InstanceState s, List<Action> first) {
        List<Action> actions = new ArrayList<>(first);
        actions.add(new Transition(s.state(), VrrpState.INITIALIZE, "shutdown"));
        actions.add(new Notify(Hook.STOP));
        return new Step(s.with(VrrpState.INITIALIZE, InstanceState.NONE, InstanceState.NONE), actions);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
