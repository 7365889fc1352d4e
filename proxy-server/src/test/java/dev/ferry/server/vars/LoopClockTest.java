package dev.ferry.server.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.server.lifecycle.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One clock reading per pass of an event loop; a real reading everywhere else. */
class LoopClockTest {

    private final EventLoopGroup loops = Transport.choose("epoll").newGroup(1, "clock-test");

    @AfterEach
    void stop() throws InterruptedException {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void offALoopTheClockIsReadEachTime() {
        long before = System.nanoTime();
        pause(2);
        assertTrue(LoopClock.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(2));
    }

    @Test
    void oneReadingServesAWholePass() throws Exception {
        long[] readings = loops.submit(() -> {
            long first = LoopClock.nanoTime();
            long firstMillis = LoopClock.currentTimeMillis();
            pause(3);
            return new long[] {first, LoopClock.nanoTime(), firstMillis, LoopClock.currentTimeMillis()};
        }).get(10, TimeUnit.SECONDS);
        assertEquals(readings[0], readings[1]);
        assertEquals(readings[2], readings[3]);
    }

    @Test
    void theNextPassReadsAgain() throws Exception {
        long first = loops.submit(LoopClock::nanoTime).get(10, TimeUnit.SECONDS);
        pause(3);
        long second = loops.submit(LoopClock::nanoTime).get(10, TimeUnit.SECONDS);
        assertTrue(second - first >= TimeUnit.MILLISECONDS.toNanos(3), "a new pass, a new reading");
        long now = System.nanoTime();
        assertTrue(second <= now, "never ahead of the clock");
    }

    /** Deadline takes the loop's cached time only for loops on the system clock: Ferry's are. */
    @Test
    void ferrysLoopsRunOnTheSystemClock() {
        assertSame(Ticker.systemTicker(), loops.next().ticker());
    }

    private static void pause(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }
}
