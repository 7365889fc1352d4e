package dev.ferry.vrrp.config;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * One {@code virtual_ipaddress} entry: an IPv4 address and its prefix length. keepalived's
 * default prefix is /32, which keeps the VIP out of source-address selection and subnet
 * routes (SPEC-vrrp.md §7).
 *
 * @param address      the virtual address
 * @param prefixLength 0..32, 32 when none was written
 */
public record VirtualAddress(Inet4Address address, int prefixLength) {

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32: " + prefixLength);
        }
    }

    /** As written in configs and by {@code ip addr}: {@code 10.0.0.1/24}. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
