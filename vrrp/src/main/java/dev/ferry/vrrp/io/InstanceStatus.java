package dev.ferry.vrrp.io;

import dev.ferry.vrrp.state.VrrpState;

/**
 * One line of the speaker's status: what {@code logs/vrrp.status} shows and tests read.
 *
 * @param name          the instance name
 * @param state         the current state
 * @param priority      the effective priority
 * @param vrid          the VRID
 * @param interfaceName the interface adverts use
 * @param vips          the virtual addresses, comma-separated
 */
public record InstanceStatus(String name, VrrpState state, int priority, int vrid, String interfaceName, String vips) {

    /** {@code VI_1 MASTER priority=150 vrid=51 interface=eth0 vips=10.0.0.100/24} */
    public String line() {
        return name + " " + state + " priority=" + priority + " vrid=" + vrid + " interface=" + interfaceName
                + " vips=" + vips;
    }
}
