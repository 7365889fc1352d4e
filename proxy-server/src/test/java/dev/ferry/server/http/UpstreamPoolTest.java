package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.upstream.config.KeepaliveConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-loop keep-alive cache: LRU per group, keepalive_timeout by one sweeping timer. */
class UpstreamPoolTest {

    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 9001);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 9002);

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final UpstreamPool pool;

    UpstreamPoolTest() {
        loop.freezeTime();
        pool = new UpstreamPool(loop.eventLoop());
    }

    private static KeepaliveConfig keepalive(int connections, int timeoutSeconds) {
        return new KeepaliveConfig(connections, false, Duration.ofSeconds(timeoutSeconds),
                KeepaliveConfig.DEFAULT_REQUESTS, KeepaliveConfig.DEFAULT_TIME);
    }

    private static EmbeddedChannel upstream() {
        return new EmbeddedChannel(new UpstreamChannel());
    }

    private void advance(long seconds) {
        loop.advanceTimeBy(seconds, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
    }

    @Test
    void idleConnectionsCloseAfterKeepaliveTimeoutEachOnItsOwnClock() {
        EmbeddedChannel first = upstream();
        EmbeddedChannel second = upstream();
        pool.release("g", A, first, keepalive(8, 60), () -> "");
        advance(30);
        pool.release("g", A, second, keepalive(8, 60), () -> "");
        advance(30);
        assertFalse(first.isOpen(), "idle 60 s");
        assertTrue(second.isOpen(), "idle 30 s");
        assertEquals(1, pool.idleCount());
        advance(30);
        assertFalse(second.isOpen());
        assertEquals(0, pool.idleCount());
    }

    @Test
    void aTakenConnectionIsNotClosedByTheTimer() {
        EmbeddedChannel c = upstream();
        pool.release("g", A, c, keepalive(8, 60), () -> "");
        assertSame(c, pool.acquire("g", A));
        advance(120);
        assertTrue(c.isOpen());
        pool.release("g", A, c, keepalive(8, 60), () -> "");
        advance(59);
        assertTrue(c.isOpen());
        advance(1);
        assertFalse(c.isOpen());
    }

    @Test
    void acquireTakesTheMostRecentForThatPeerAndTheOldestGoesWhenFull() {
        EmbeddedChannel a1 = upstream();
        EmbeddedChannel b1 = upstream();
        EmbeddedChannel a2 = upstream();
        pool.release("g", A, a1, keepalive(2, 60), () -> "");
        pool.release("g", B, b1, keepalive(2, 60), () -> "");
        pool.release("g", A, a2, keepalive(2, 60), () -> ""); // full: a1, the least recently used, goes
        assertFalse(a1.isOpen());
        assertSame(a2, pool.acquire("g", A));
        assertNull(pool.acquire("g", A));
        assertNull(pool.acquire("other", B));
        assertSame(b1, pool.acquire("g", B));
    }

    @Test
    void aShorterTimeoutAfterAReloadIsHonoured() {
        EmbeddedChannel slow = upstream();
        EmbeddedChannel fast = upstream();
        pool.release("g", A, slow, keepalive(8, 60), () -> "");
        pool.release("h", A, fast, keepalive(8, 5), () -> "");
        advance(5);
        assertFalse(fast.isOpen());
        assertTrue(slow.isOpen());
        advance(55);
        assertFalse(slow.isOpen());
    }
}
