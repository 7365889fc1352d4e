package dev.ferry.vrrp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ferry.vrrp.state.Action.AddVips;
import dev.ferry.vrrp.state.Action.Hook;
import dev.ferry.vrrp.state.Action.Notify;
import dev.ferry.vrrp.state.Action.RemoveVips;
import dev.ferry.vrrp.state.Action.SendAdvert;
import dev.ferry.vrrp.state.Action.SendGratuitousArp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Event scripts against the state machine with a fake clock (plain numbers of nanoseconds):
 * every transition of SPEC-vrrp.md §2 and keepalived's extensions, no sleeps.
 */
class VrrpStateMachineTest {

    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    /** 10.99.0.2: the local primary address. */
    static final int LOCAL = 0x0a630002;
    static final int LOWER_ADDRESS = 0x0a630001;
    static final int HIGHER_ADDRESS = 0x0a630003;
    /** 192.168.0.1 is negative as a signed int but higher than 10.99.0.2 unsigned. */
    static final int HIGH_BIT_ADDRESS = 0xc0a80001;

    static Parameters v2(boolean preempt, long preemptDelay) {
        return new Parameters(2, 100, preempt, preemptDelay, 5, 5 * S, 0, LOCAL);
    }

    /** One instance driven by a script of events. */
    static final class Script {
        final VrrpStateMachine machine;
        InstanceState state;
        List<Action> actions = List.of();

        Script(Parameters p, int priority) {
            machine = new VrrpStateMachine(p);
            state = InstanceState.initial(priority, false, p.advertCentis());
        }

        Script(int priority) {
            this(v2(true, 0), priority);
        }

        Script at(long now, Event event) {
            Step step = machine.step(state, event, now);
            state = step.state();
            actions = step.actions();
            assertNotNull(actions);
            return this;
        }

        Script start(long now) {
            return at(now, new Event.Startup());
        }

        Script advert(long now, int priority, int source) {
            return at(now, new Event.AdvertReceived(priority, source, state.masterAdverCentis()));
        }

        Script timer(long now) {
            return at(now, new Event.TimerExpired());
        }

        VrrpState current() {
            return state.state();
        }

        /** The actions without the Transition, which is for the log. */
        List<Action> effects() {
            return actions.stream().filter(a -> !(a instanceof Action.Transition)).toList();
        }

        Action.Transition transition() {
            return assertInstanceOf(Action.Transition.class, actions.get(0));
        }
    }

    // ---- Initialize ----

    @Test
    void anOwnerWithPriority255BecomesMasterAtStartupAndAdvertisesAtOnce() {
        Script s = new Script(255).start(0);
        assertEquals(VrrpState.MASTER, s.current());
        assertEquals(List.of(new AddVips(), new SendGratuitousArp(5), new Notify(Hook.MASTER), new SendAdvert(255)),
                s.effects());
        assertEquals(1 * S, s.state.nextDeadline(), "the Adver timer");
    }

    @Test
    void aBackupRemovesStaleVipsAtStartupAndWaitsMasterDownInterval() {
        Script s = new Script(100).start(0);
        assertEquals(VrrpState.BACKUP, s.current());
        assertEquals(List.of(new RemoveVips(), new Notify(Hook.BACKUP)), s.effects());
        // 3 × 1 s + (256 − 100) / 256 s
        assertEquals(3 * S + 609_375_000L, s.state.nextDeadline());
    }

    @Test
    void masterDownIntervalFollowsTheSpecsExamples() {
        Parameters p = v2(true, 0);
        assertEquals(3_414_062_500L, p.masterDownNanos(150, 100));
        assertEquals(3_007_812_500L, p.masterDownNanos(254, 100));
        assertEquals(3_996_093_750L, p.masterDownNanos(1, 100));
    }

    @Test
    void startingWhileATrackedItemIsDownGoesToFault() {
        Parameters p = v2(true, 0);
        Script s = new Script(p, 100);
        s.state = InstanceState.initial(100, true, 100);
        s.start(0);
        assertEquals(VrrpState.FAULT, s.current());
        assertEquals(List.of(new RemoveVips(), new Notify(Hook.FAULT)), s.effects());
        assertEquals(InstanceState.NONE, s.state.nextDeadline());
    }

    // ---- Backup ----

    @Test
    void aBackupThatHearsNothingBecomesMasterWhenMasterDownFires() {
        Script s = new Script(100).start(0).timer(3 * S);
        assertEquals(VrrpState.BACKUP, s.current(), "before the deadline a timer event does nothing");
        assertEquals(List.of(), s.actions);
        s.timer(3 * S + 609_375_000L);
        assertEquals(VrrpState.MASTER, s.current());
        assertEquals(List.of(new AddVips(), new SendGratuitousArp(5), new Notify(Hook.MASTER), new SendAdvert(100)),
                s.effects());
        assertEquals(4 * S + 609_375_000L, s.state.nextDeadline());
    }

    @Test
    void aHigherPriorityAdvertRestartsTheMasterDownTimer() {
        Script s = new Script(100).start(0).advert(2 * S, 150, LOWER_ADDRESS);
        assertEquals(VrrpState.BACKUP, s.current());
        assertEquals(List.of(), s.actions);
        assertEquals(5 * S + 609_375_000L, s.state.nextDeadline());
        assertEquals(LOWER_ADDRESS, s.state.masterAddress());
    }

    @Test
    void anEqualPriorityAdvertAlsoRestartsTheTimer() {
        Script s = new Script(100).start(0).advert(2 * S, 100, LOWER_ADDRESS);
        assertEquals(5 * S + 609_375_000L, s.state.nextDeadline());
    }

    @Test
    void priorityZeroSetsTheMasterDownTimerToSkewTime() {
        Script s = new Script(100).start(0).advert(1 * S, 150, LOWER_ADDRESS).advert(2 * S, 0, LOWER_ADDRESS);
        assertEquals(2 * S + 609_375_000L, s.state.nextDeadline());
        s.timer(2 * S + 609_375_000L);
        assertEquals(VrrpState.MASTER, s.current(), "the fast takeover after a clean resignation");
    }

    @Test
    void aLowerPriorityAdvertIsDiscardedSoTheBackupPreempts() {
        Script s = new Script(100).start(0).advert(1 * S, 50, LOWER_ADDRESS).advert(2 * S, 50, LOWER_ADDRESS);
        assertEquals(3 * S + 609_375_000L, s.state.nextDeadline(), "the timer runs on");
        s.timer(3 * S + 609_375_000L);
        assertEquals(VrrpState.MASTER, s.current());
    }

    @Test
    void nopreemptKeepsALowerPriorityMaster() {
        Script s = new Script(v2(false, 0), 200).start(0).advert(3 * S, 100, LOWER_ADDRESS);
        assertEquals(6 * S + 218_750_000L, s.state.nextDeadline(), "3 s + (256 - 200) / 256 s after the advert");
        s.advert(6 * S, 100, LOWER_ADDRESS).timer(7 * S);
        assertEquals(VrrpState.BACKUP, s.current());
    }

    @Test
    void preemptDelayAcceptsALowerPriorityMasterForTheDelayThenPreempts() {
        Script s = new Script(v2(true, 5 * S), 200).start(0);
        s.advert(1 * S, 100, LOWER_ADDRESS);
        assertEquals(6 * S, s.state.preemptUntilNanos(), "the window starts at the first lower-priority advert");
        assertEquals(4 * S + 218_750_000L, s.state.nextDeadline(), "accepted: the timer restarts");
        s.advert(5 * S, 100, LOWER_ADDRESS);
        assertEquals(8 * S + 218_750_000L, s.state.nextDeadline());
        s.advert(6 * S, 100, LOWER_ADDRESS).advert(7 * S, 100, LOWER_ADDRESS);
        assertEquals(8 * S + 218_750_000L, s.state.nextDeadline(), "after the window the adverts are discarded");
        s.timer(8 * S + 218_750_000L);
        assertEquals(VrrpState.MASTER, s.current());
    }

    @Test
    void v3BackupAdoptsTheMastersIntervalAndScalesItsSkew() {
        Parameters p = new Parameters(3, 100, true, 0, 5, 5 * S, 0, LOCAL);
        Script s = new Script(p, 100).start(0);
        assertEquals(3 * S + 609_375_000L, s.state.nextDeadline());
        s.at(1 * S, new Event.AdvertReceived(150, LOWER_ADDRESS, 10));
        assertEquals(10, s.state.masterAdverCentis());
        // 3 × 100 ms + (156 × 100 ms) / 256
        assertEquals(1 * S + 300 * MS + 60_937_500L, s.state.nextDeadline());
        s.at(1 * S + 100 * MS, new Event.AdvertReceived(0, LOWER_ADDRESS, 10));
        assertEquals(1 * S + 100 * MS + 60_937_500L, s.state.nextDeadline(), "priority 0: Skew_Time only");
    }

    @Test
    void v2SkewDoesNotScaleWithTheInterval() {
        Parameters p = new Parameters(2, 300, true, 0, 5, 5 * S, 0, LOCAL);
        assertEquals(9 * S + 609_375_000L, p.masterDownNanos(100, 300));
    }

    @Test
    void aBackupWhoseTrackingFailsGoesToFaultAndIgnoresAdverts() {
        Script s = new Script(100).start(0).at(1 * S, new Event.TrackingChanged(100, true));
        assertEquals(VrrpState.FAULT, s.current());
        assertEquals(List.of(new Notify(Hook.FAULT)), s.effects());
        s.advert(2 * S, 150, LOWER_ADDRESS).timer(10 * S);
        assertEquals(VrrpState.FAULT, s.current());
        assertEquals(List.of(), s.actions);
    }

    @Test
    void leavingFaultStartsOverAsBackup() {
        Script s = new Script(100).start(0).at(1 * S, new Event.TrackingChanged(100, true))
                .at(2 * S, new Event.TrackingChanged(100, false));
        assertEquals(VrrpState.BACKUP, s.current());
        assertEquals(5 * S + 609_375_000L, s.state.nextDeadline());
    }

    @Test
    void aBackupWithALoweredPriorityStopsPreemptingAHigherMaster() {
        // track_upstream weight=-60 while the backends are dead: 120 becomes 60 and the master at 100 stays.
        Script s = new Script(120).start(0).at(1 * S, new Event.TrackingChanged(60, false));
        assertEquals(60, s.state.priority());
        s.advert(2 * S, 100, LOWER_ADDRESS);
        assertEquals(5 * S + 765_625_000L, s.state.nextDeadline(), "accepted, skew from the new priority");
    }

    @Test
    void shutdownAsBackupRunsNotifyStopOnly() {
        Script s = new Script(100).start(0).at(1 * S, new Event.Shutdown());
        assertEquals(VrrpState.INITIALIZE, s.current());
        assertEquals(List.of(new Notify(Hook.STOP)), s.effects());
    }

    // ---- Master ----

    private static Script master(int priority) {
        return new Script(priority).start(0).timer(4 * S);
    }

    @Test
    void aMasterAdvertisesEveryIntervalAndSendsTheSecondGarpBurstAfterTheDelay() {
        Script s = master(100);
        long became = 4 * S;
        s.timer(became + 1 * S);
        assertEquals(List.of(new SendAdvert(100)), s.actions);
        s.timer(became + 2 * S).timer(became + 3 * S).timer(became + 4 * S);
        s.timer(became + 5 * S);
        assertEquals(List.of(new SendAdvert(100), new SendGratuitousArp(5)), s.actions);
        assertEquals(became + 6 * S, s.state.nextDeadline(), "no refresh: only the Adver timer is left");
    }

    @Test
    void garpRefreshRepeatsWhileMaster() {
        Parameters p = new Parameters(2, 100, true, 0, 1, 0, 30 * S, LOCAL);
        Script s = new Script(p, 255).start(0);
        assertEquals(30 * S, s.state.garpNanos());
        s.timer(30 * S);
        assertEquals(List.of(new SendAdvert(255), new SendGratuitousArp(1)), s.actions);
        assertEquals(60 * S, s.state.garpNanos());
    }

    @Test
    void aMasterYieldsToAHigherPriorityAndReleasesTheVips() {
        Script s = master(100).advert(5 * S, 150, LOWER_ADDRESS);
        assertEquals(VrrpState.BACKUP, s.current());
        assertEquals(List.of(new RemoveVips(), new Notify(Hook.BACKUP)), s.effects());
        assertEquals(8 * S + 609_375_000L, s.state.nextDeadline());
        assertEquals(InstanceState.NONE, s.state.garpNanos(), "no GARP burst left behind");
    }

    @Test
    void onEqualPriorityTheHigherPrimaryAddressWins() {
        assertEquals(VrrpState.BACKUP, master(100).advert(5 * S, 100, HIGHER_ADDRESS).current());
        Script s = master(100).advert(5 * S, 100, LOWER_ADDRESS);
        assertEquals(VrrpState.MASTER, s.current());
        assertEquals(List.of(new SendAdvert(100), new SendGratuitousArp(5)), s.actions);
    }

    @Test
    void addressesCompareUnsigned() {
        assertEquals(VrrpState.BACKUP, master(100).advert(5 * S, 100, HIGH_BIT_ADDRESS).current());
    }

    @Test
    void aMasterAnswersALowerPriorityAdvertWithAnAdvertAndGarpsAsKeepalivedDoes() {
        Script s = master(100).advert(6 * S, 50, HIGHER_ADDRESS);
        assertEquals(VrrpState.MASTER, s.current());
        assertEquals(List.of(new SendAdvert(100), new SendGratuitousArp(5)), s.actions);
    }

    @Test
    void aMasterAnswersPriorityZeroWithAnAdvertAtOnce() {
        Script s = master(100).advert(4 * S + 300 * MS, 0, HIGHER_ADDRESS);
        assertEquals(VrrpState.MASTER, s.current());
        assertEquals(List.of(new SendAdvert(100)), s.actions);
        assertEquals(5 * S + 300 * MS, s.state.timerNanos(), "the Adver timer restarts");
    }

    @Test
    void shutdownAsMasterResignsWithPriorityZeroBeforeRemovingTheVips() {
        Script s = master(100).at(5 * S, new Event.Shutdown());
        assertEquals(VrrpState.INITIALIZE, s.current());
        assertEquals(List.of(new SendAdvert(0), new RemoveVips(), new Notify(Hook.STOP)), s.effects());
        assertEquals(InstanceState.NONE, s.state.nextDeadline());
    }

    @Test
    void trackUpstreamLoweringAMastersPriorityIsAdvertisedAtOnceAndLetsThePeerPreempt() {
        Script s = master(150).at(5 * S, new Event.TrackingChanged(90, false));
        assertEquals(List.of(new SendAdvert(90)), s.actions);
        assertEquals(VrrpState.MASTER, s.current());
        // The peer (100, preempt) discards our 90s, its timer fires, it becomes master and advertises 100:
        s.advert(9 * S, 100, LOWER_ADDRESS);
        assertEquals(VrrpState.BACKUP, s.current());
    }

    @Test
    void aMasterWhoseTrackingFailsResignsAndGoesToFault() {
        Script s = master(100).at(5 * S, new Event.TrackingChanged(100, true));
        assertEquals(VrrpState.FAULT, s.current());
        assertEquals(List.of(new SendAdvert(0), new RemoveVips(), new Notify(Hook.FAULT)), s.effects());
    }

    @Test
    void anOwnerLeavingFaultBecomesMasterAgain() {
        Script s = new Script(255).start(0).at(1 * S, new Event.TrackingChanged(255, true))
                .at(2 * S, new Event.TrackingChanged(255, false));
        assertEquals(VrrpState.MASTER, s.current());
    }

    @Test
    void everyEventInEveryStateHasAnAnswer() {
        List<Event> events = List.of(new Event.Startup(), new Event.Shutdown(), new Event.TimerExpired(),
                new Event.AdvertReceived(0, LOWER_ADDRESS, 100), new Event.AdvertReceived(200, LOWER_ADDRESS, 100),
                new Event.AdvertReceived(50, LOWER_ADDRESS, 100), new Event.TrackingChanged(80, false),
                new Event.TrackingChanged(80, true));
        VrrpStateMachine machine = new VrrpStateMachine(v2(true, 0));
        for (VrrpState state : VrrpState.values()) {
            for (Event event : events) {
                InstanceState s = new InstanceState(state, 100, state == VrrpState.FAULT, 100, 5 * S, InstanceState.NONE,
                        InstanceState.NONE, 0);
                Step step = machine.step(s, event, 6 * S);
                assertNotNull(step.state(), state + " " + event);
            }
        }
    }
}
