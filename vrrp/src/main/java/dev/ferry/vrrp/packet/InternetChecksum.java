package dev.ferry.vrrp.packet;

/**
 * The Internet checksum of RFC 1071: the one's complement of the one's-complement sum of
 * 16-bit big-endian words. VRRP uses it over the message (v2, RFC 3768 §5.3.8) or over an IPv4
 * pseudo-header and the message (v3, RFC 5798 §5.2.8); SPEC-vrrp.md §1.4.
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /** Adds {@code length} bytes from {@code offset} to a running 32-bit sum (odd tail padded with zero). */
    static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries and complements: the value to put in the checksum field. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The checksum of {@code data[offset, offset+length)}. */
    public static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }

    /**
     * The VRRPv3-over-IPv4 checksum: the pseudo-header (source, destination, zero, protocol
     * 112, VRRP length) then the message. The destination is what the IP header carries:
     * 224.0.0.18, or the peer in unicast (keepalived issue #642, fixed by PR #929).
     */
    public static int withPseudoHeader(byte[] source, byte[] destination, byte[] message, int offset, int length) {
        long sum = add(0, source, 0, 4);
        sum = add(sum, destination, 0, 4);
        sum += Ipv4Header.PROTOCOL_VRRP;
        sum += length;
        return finish(add(sum, message, offset, length));
    }
}
