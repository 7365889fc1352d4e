package dev.ferry.upstream;

/** A balancer over one {@link PeerGroup}: what every method's class shares. */
abstract class GroupBalancer implements Balancer {

    final PeerGroup group;

    GroupBalancer(PeerGroup group) {
        this.group = group;
    }

    @Override
    public final String name() {
        return group.name;
    }

    @Override
    public final boolean hasLivePeer() {
        long now = group.clockMillis.getAsLong();
        group.lock.lock();
        try {
            return anyUsable(group.primary, now) || anyUsable(group.backup, now);
        } finally {
            group.lock.unlock();
        }
    }

    /** A lone peer ignores max_fails (nginx's peers->single), so only down and max_conns stop it. */
    private static boolean anyUsable(PeerSet set, long now) {
        for (Peer peer : set.peers) {
            if (set.single ? !peer.down() && !peer.full() : peer.usable(now)) {
                return true;
            }
        }
        return false;
    }
}
