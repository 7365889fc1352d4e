package dev.ferry.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads the VRRP message (SPEC-vrrp.md §1.2, §1.3). Reading assumes the
 * {@link ReceiveCheck} has already checked version, type and length.
 */
public final class AdvertisementCodec {

    /** RFC 3768 §5.3.6: 0 = no authentication; 1 = simple text password (RFC 2338, still used by keepalived). */
    public static final int AUTH_NONE = 0;
    public static final int AUTH_PASS = 1;
    /** Type 1 is ADVERTISEMENT, the only type (RFC 5798 §5.2.2). */
    static final int TYPE_ADVERTISEMENT = 1;
    static final int V2_AUTH_LENGTH = 8;

    private AdvertisementCodec() {
    }

    /** The message length for {@code count} IPv4 addresses: 16 + 4n for v2, 8 + 4n for v3. */
    public static int length(int version, int count) {
        return 8 + 4 * count + (version == 2 ? V2_AUTH_LENGTH : 0);
    }

    /**
     * The message with its checksum. v2 sums the message alone; v3 sums an IPv4 pseudo-header
     * first, so the source and destination of the IP header are needed (RFC 5798 §5.2.8).
     */
    public static byte[] encode(Advertisement ad, Inet4Address source, Inet4Address destination) {
        int n = ad.addresses().size();
        byte[] m = new byte[length(ad.version(), n)];
        m[0] = (byte) ((ad.version() << 4) | TYPE_ADVERTISEMENT);
        m[1] = (byte) ad.vrid();
        m[2] = (byte) ad.priority();
        m[3] = (byte) n;
        if (ad.version() == 2) {
            m[4] = (byte) (ad.authPass() == null ? AUTH_NONE : AUTH_PASS);
            m[5] = (byte) (ad.intervalCentis() / 100);
        } else {
            // High 4 bits reserved (send 0), low 12 bits Max Advertise Interval in centiseconds.
            m[4] = (byte) ((ad.intervalCentis() >>> 8) & 0x0f);
            m[5] = (byte) ad.intervalCentis();
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(ad.addresses().get(i).getAddress(), 0, m, 8 + 4 * i, 4);
        }
        if (ad.version() == 2 && ad.authPass() != null) {
            // NUL padded to 8 bytes (RFC 2338 §5.3.10).
            byte[] pass = ad.authPass().getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(pass, 0, m, 8 + 4 * n, Math.min(pass.length, V2_AUTH_LENGTH));
        }
        int checksum = ad.version() == 2 ? InternetChecksum.of(m, 0, m.length)
                : InternetChecksum.withPseudoHeader(source.getAddress(), destination.getAddress(), m, 0, m.length);
        m[6] = (byte) (checksum >>> 8);
        m[7] = (byte) checksum;
        return m;
    }

    /** Reads a message whose version, type and length are known to be consistent. */
    static Advertisement decode(byte[] m) {
        int version = (m[0] & 0xff) >>> 4;
        int n = m[3] & 0xff;
        int interval;
        String authPass = null;
        if (version == 2) {
            interval = (m[5] & 0xff) * 100;
            if ((m[4] & 0xff) == AUTH_PASS) {
                authPass = password(m, 8 + 4 * n);
            }
        } else {
            interval = ((m[4] & 0x0f) << 8) | (m[5] & 0xff);
        }
        List<Inet4Address> addresses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            addresses.add(address(m, 8 + 4 * i));
        }
        return new Advertisement(version, m[1] & 0xff, m[2] & 0xff, interval, addresses, authPass);
    }

    /** The auth data up to the first NUL. */
    static String password(byte[] m, int offset) {
        int end = offset;
        while (end < offset + V2_AUTH_LENGTH && m[end] != 0) {
            end++;
        }
        return new String(m, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    static Inet4Address address(byte[] data, int offset) {
        byte[] a = {data[offset], data[offset + 1], data[offset + 2], data[offset + 3]};
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }
}
