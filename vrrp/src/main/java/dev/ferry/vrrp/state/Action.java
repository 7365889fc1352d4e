package dev.ferry.vrrp.state;

/** What the shell must do after a step, in order. */
public sealed interface Action {

    /** Send one advertisement with this priority (0 when resigning). */
    record SendAdvert(int priority) implements Action {
    }

    /** Configure the virtual addresses on the interface. */
    record AddVips() implements Action {
    }

    /** Remove the virtual addresses; removing one that is not there is not an error. */
    record RemoveVips() implements Action {
    }

    /** Send {@code count} gratuitous ARPs for every virtual address. */
    record SendGratuitousArp(int count) implements Action {
    }

    /** Run the notify scripts for a state change; STOP runs notify_stop. */
    record Notify(Hook hook) implements Action {
    }

    /** A state change, for the error log and the status line. */
    record Transition(VrrpState from, VrrpState to, String reason) implements Action {
    }

    /** Which notify script runs. */
    enum Hook {
        MASTER,
        BACKUP,
        FAULT,
        STOP
    }
}
