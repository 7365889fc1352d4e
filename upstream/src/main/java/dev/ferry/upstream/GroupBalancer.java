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
}
