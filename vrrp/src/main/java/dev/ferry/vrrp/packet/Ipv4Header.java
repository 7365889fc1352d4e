package dev.ferry.vrrp.packet;

import java.net.Inet4Address;

/**
 * The IPv4 header around an advertisement (SPEC-vrrp.md §1.1): written by us because the send
 * socket uses IP_HDRINCL, and read back on receive because a raw socket delivers it.
 */
public final class Ipv4Header {

    public static final int PROTOCOL_VRRP = 112;
    /** RFC 5798 §5.1.1.3: sent with 255; a receiver drops anything else (the packet was routed). */
    public static final int TTL = 255;
    /** Precedence "internetwork control" (DSCP CS6), as keepalived sends it. */
    public static final int TOS = 0xC0;
    public static final int LENGTH = 20;

    private Ipv4Header() {
    }

    /**
     * A 20-byte header followed by {@code payload}. The kernel fills in the header checksum
     * and the ID (left 0) for IP_HDRINCL sockets; DF stays clear, as keepalived leaves it.
     */
    public static byte[] wrap(Inet4Address source, Inet4Address destination, byte[] payload) {
        byte[] packet = new byte[LENGTH + payload.length];
        packet[0] = 0x45;
        packet[1] = (byte) TOS;
        int total = packet.length;
        packet[2] = (byte) (total >>> 8);
        packet[3] = (byte) total;
        packet[8] = (byte) TTL;
        packet[9] = (byte) PROTOCOL_VRRP;
        System.arraycopy(source.getAddress(), 0, packet, 12, 4);
        System.arraycopy(destination.getAddress(), 0, packet, 16, 4);
        int checksum = InternetChecksum.of(packet, 0, LENGTH);
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
        System.arraycopy(payload, 0, packet, LENGTH, payload.length);
        return packet;
    }
}
