package dev.ferry.vrrp.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.vrrp.packet.DropReason;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A peer with a wrong password sends a bad advert every second; the log says so every 10 s, not every second. */
class DropLogTest {

    long now;
    final DropLog log = new DropLog(LoggerFactory.getLogger("test"), () -> now, 10_000_000_000L);

    @Test
    void theFirstDropOfAReasonIsLoggedThenAtMostOncePerInterval() {
        assertTrue(log.dropped("vrrp_instance \"VI_1\"", DropReason.AUTH_PASS, "from 10.0.0.1"));
        for (int i = 1; i < 10; i++) {
            now = i * 1_000_000_000L;
            assertFalse(log.dropped("vrrp_instance \"VI_1\"", DropReason.AUTH_PASS, "from 10.0.0.1"));
        }
        now = 10_000_000_000L;
        assertTrue(log.dropped("vrrp_instance \"VI_1\"", DropReason.AUTH_PASS, "from 10.0.0.1"));
    }

    @Test
    void eachReasonAndPlaceHasItsOwnAllowance() {
        assertTrue(log.dropped("vrrp_instance \"VI_1\"", DropReason.TTL, "x"));
        assertTrue(log.dropped("vrrp_instance \"VI_1\"", DropReason.CHECKSUM, "x"));
        assertTrue(log.dropped("vrrp_instance \"VI_2\"", DropReason.TTL, "x"));
        assertFalse(log.dropped("vrrp_instance \"VI_1\"", DropReason.TTL, "x"));
    }
}
