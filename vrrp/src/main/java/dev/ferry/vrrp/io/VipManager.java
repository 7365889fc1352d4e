package dev.ferry.vrrp.io;

import dev.ferry.vrrp.config.VirtualAddress;

/**
 * Adds and removes virtual addresses on an interface. Both are idempotent: adding an address
 * that is there (EEXIST) or removing one that is not (EADDRNOTAVAIL) succeeds, because a crash
 * leaves VIPs behind and a restart must clean them up without failing (SPEC-vrrp.md §7).
 */
interface VipManager extends AutoCloseable {

    void add(String interfaceName, int ifindex, VirtualAddress vip) throws NativeFailure;

    void remove(String interfaceName, int ifindex, VirtualAddress vip) throws NativeFailure;

    @Override
    void close();
}
