package dev.ferry.vrrp.state;

import java.util.List;

/**
 * The result of one step: the next state and the actions to carry out, in order. The next
 * deadline is {@code state().nextDeadline()}.
 */
public record Step(InstanceState state, List<Action> actions) {

    public Step {
        actions = List.copyOf(actions);
    }

    public long nextDeadline() {
        return state.nextDeadline();
    }
}
