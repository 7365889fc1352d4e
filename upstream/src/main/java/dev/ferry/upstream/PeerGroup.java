package dev.ferry.upstream;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The peers of one upstream group as one configuration sees them: the primary tier, the
 * backup tier, and the lock that guards every peer's counters. The lock belongs to the group
 * name in the {@link PeerRegistry}, so the balancers of an old and a new configuration that
 * share peers also share it.
 */
final class PeerGroup {

    final String name;
    final ReentrantLock lock;
    final PeerSet primary;
    final PeerSet backup;
    final LongSupplier clockMillis;

    PeerGroup(String name, ReentrantLock lock, PeerSet primary, PeerSet backup, LongSupplier clockMillis) {
        this.name = name;
        this.lock = lock;
        this.primary = primary;
        this.backup = backup;
        this.clockMillis = clockMillis;
    }
}
