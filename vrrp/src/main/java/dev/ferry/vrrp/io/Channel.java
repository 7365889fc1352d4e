package dev.ferry.vrrp.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The sockets shared by the instances of one interface (or one unicast source), as keepalived
 * shares one socket per interface and tells instances apart by VRID.
 */
final class Channel {

    /** {@code eth0} for multicast, {@code eth0 unicast 10.0.0.1} for a unicast source. */
    final String key;
    final VrrpSocket socket;
    final List<RunningInstance> instances = new ArrayList<>();

    Channel(String key, VrrpSocket socket) {
        this.key = key;
        this.socket = socket;
    }

    RunningInstance byVrid(int vrid) {
        for (RunningInstance instance : instances) {
            if (instance.vrid() == vrid) {
                return instance;
            }
        }
        return null;
    }
}
