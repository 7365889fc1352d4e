package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lazily re-armed timer, on an EmbeddedChannel's loop whose clock the test moves. */
class DeadlineTest {

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final List<String> fired = new ArrayList<>();
    private Deadline deadline;

    @BeforeEach
    void frozen() {
        loop.freezeTime();
        deadline = new Deadline(loop.eventLoop());
    }

    private void advance(long seconds) {
        loop.advanceTimeBy(seconds, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
    }

    @Test
    void firesAtTheDeadline() {
        deadline.arm(Duration.ofSeconds(10), () -> fired.add("a"));
        advance(9);
        assertEquals(List.of(), fired);
        assertTrue(deadline.armed());
        advance(1);
        assertEquals(List.of("a"), fired);
        assertFalse(deadline.armed());
    }

    @Test
    void reArmingMovesTheDeadlineAndTheLatestActionRuns() {
        deadline.arm(Duration.ofSeconds(10), () -> fired.add("a"));
        advance(9);
        deadline.arm(Duration.ofSeconds(10), () -> fired.add("b")); // due at 19 s now
        advance(1);
        assertEquals(List.of(), fired, "the task due at 10 s finds the deadline moved and waits again");
        advance(8);
        assertEquals(List.of(), fired);
        advance(1);
        assertEquals(List.of("b"), fired);
    }

    @Test
    void disarmedNeverFires() {
        deadline.arm(Duration.ofSeconds(10), () -> fired.add("a"));
        deadline.disarm();
        advance(60);
        assertEquals(List.of(), fired);
        deadline.arm(Duration.ofSeconds(5), () -> fired.add("b"));
        advance(5);
        assertEquals(List.of("b"), fired);
    }

    @Test
    void aShorterTimeoutAfterALongOneIsNotLate() {
        deadline.arm(Duration.ofSeconds(75), () -> fired.add("keepalive"));
        deadline.arm(Duration.ofSeconds(5), () -> fired.add("lingering"));
        advance(5);
        assertEquals(List.of("lingering"), fired);
        advance(100);
        assertEquals(List.of("lingering"), fired);
    }

    @Test
    void armNoLaterThanKeepsAnEarlierDeadline() {
        deadline.armNoLaterThan(Duration.ofSeconds(10), () -> fired.add("first"));
        advance(5);
        deadline.armNoLaterThan(Duration.ofSeconds(10), () -> fired.add("second"));
        advance(5);
        assertEquals(List.of("first"), fired);
        deadline.armNoLaterThan(Duration.ofSeconds(30), () -> fired.add("third"));
        deadline.armNoLaterThan(Duration.ofSeconds(10), () -> fired.add("fourth"));
        advance(10);
        assertEquals(List.of("first", "fourth"), fired);
    }

    @Test
    void cancelStopsTheScheduledTask() {
        deadline.arm(Duration.ofSeconds(10), () -> fired.add("a"));
        deadline.cancel();
        advance(10);
        assertEquals(List.of(), fired);
    }

    @Test
    void anActionMayArmAgain() {
        deadline.arm(Duration.ofSeconds(10), new Runnable() {
            @Override
            public void run() {
                fired.add("tick");
                if (fired.size() < 3) {
                    deadline.arm(Duration.ofSeconds(10), this);
                }
            }
        });
        advance(10);
        advance(10);
        advance(10);
        advance(10);
        assertEquals(List.of("tick", "tick", "tick"), fired);
    }
}
