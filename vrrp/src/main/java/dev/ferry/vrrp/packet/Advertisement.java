package dev.ferry.vrrp.packet;

import java.net.Inet4Address;
import java.util.List;

/**
 * One VRRP advertisement, v2 or v3, without the IP header.
 *
 * @param version        2 (RFC 3768) or 3 (RFC 5798)
 * @param vrid           the Virtual Router ID, 1..255
 * @param priority       0 (master resigning) .. 255 (address owner)
 * @param intervalCentis the advertisement interval in centiseconds; v2 carries whole seconds,
 *                       so a v2 value is a multiple of 100
 * @param addresses      the virtual IPv4 addresses
 * @param authPass       v2 simple-text password (auth type 1, RFC 2338), or {@code null} for none
 */
public record Advertisement(int version, int vrid, int priority, int intervalCentis, List<Inet4Address> addresses,
        String authPass) {

    public Advertisement {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255");
        }
        if (version == 2 ? intervalCentis % 100 != 0 || intervalCentis < 100 || intervalCentis > 25500
                : intervalCentis < 1 || intervalCentis > 4095) {
            throw new IllegalArgumentException("interval out of range for v" + version + ": " + intervalCentis);
        }
        addresses = List.copyOf(addresses);
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("at most 255 addresses");
        }
        if (authPass != null && (version != 2 || authPass.length() > 8)) {
            throw new IllegalArgumentException("auth is v2 only, at most 8 bytes");
        }
    }

    /** The same advertisement with another priority (0 when resigning). */
    public Advertisement withPriority(int newPriority) {
        return new Advertisement(version, vrid, newPriority, intervalCentis, addresses, authPass);
    }

    @Override
    public String toString() {
        return "v" + version + " vrid " + vrid + " prio " + priority + " int " + intervalCentis + "cs " + addresses;
    }
}
