package dev.ferry.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The strict receive checks of RFC 5798 §7.1 / RFC 3768 §7.1, in the order keepalived's
 * {@code vrrp_check_packet} makes them (SPEC-vrrp.md §2.3). Each failure names its reason.
 *
 * @param version        the instance's version; the packet's must be equal
 * @param vrid           the instance's VRID
 * @param authPass       the v2 password, or {@code null} for none
 * @param intervalCentis the instance's interval; v2 drops a mismatch, v3 adopts the master's
 * @param checkTtl       TTL 255 is required for multicast; keepalived skips it in unicast
 * @param peers          in unicast, the only accepted sources; empty accepts any
 */
public record ReceiveCheck(int version, int vrid, String authPass, int intervalCentis, boolean checkTtl,
        List<Inet4Address> peers) {

    private static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");

    public ReceiveCheck {
        peers = List.copyOf(peers);
    }

    public Verdict check(ReceivedPacket packet) {
        byte[] m = packet.message();
        if (m.length < 8) {
            return drop(DropReason.TOO_SHORT, m.length + " bytes");
        }
        // RFC 5798 §7.1: "MUST verify that the IP TTL is 255".
        if (checkTtl && packet.ttl() != Ipv4Header.TTL) {
            return drop(DropReason.TTL, "TTL " + packet.ttl() + " from " + packet.source().getHostAddress());
        }
        int packetVersion = (m[0] & 0xff) >>> 4;
        if (packetVersion != version) {
            return drop(DropReason.VERSION, "received " + packetVersion + " and expect " + version);
        }
        if ((m[0] & 0x0f) != AdvertisementCodec.TYPE_ADVERTISEMENT) {
            return drop(DropReason.TYPE, "type " + (m[0] & 0x0f));
        }
        if ((m[1] & 0xff) != vrid) {
            return drop(DropReason.UNKNOWN_VRID, "VRID " + (m[1] & 0xff));
        }
        int count = m[3] & 0xff;
        if (m.length != AdvertisementCodec.length(version, count)) {
            return drop(DropReason.LENGTH, m.length + " bytes for " + count + " addresses");
        }
        if (!checksumOk(packet)) {
            return drop(DropReason.CHECKSUM, "from " + packet.source().getHostAddress());
        }
        if (!peers.isEmpty() && !peers.contains(packet.source())) {
            return drop(DropReason.SOURCE, packet.source().getHostAddress());
        }
        if (version == 2) {
            int authType = m[4] & 0xff;
            int expected = authPass == null ? AdvertisementCodec.AUTH_NONE : AdvertisementCodec.AUTH_PASS;
            if (authType != expected) {
                return drop(DropReason.AUTH_TYPE, "received " + authType + " and expect " + expected);
            }
            if (authPass != null && !AdvertisementCodec.password(m, 8 + 4 * count).equals(authPass)) {
                return drop(DropReason.AUTH_PASS, "from " + packet.source().getHostAddress());
            }
            // RFC 3768 §7.1: discard when the interval differs from the locally configured one.
            if ((m[5] & 0xff) * 100 != intervalCentis) {
                return drop(DropReason.INTERVAL, "received " + (m[5] & 0xff) + "s and expect " + intervalCentis / 100 + "s");
            }
        }
        if (version == 3 && (((m[4] & 0x0f) << 8) | (m[5] & 0xff)) == 0) {
            return drop(DropReason.INTERVAL, "interval 0");
        }
        return new Verdict.Accepted(AdvertisementCodec.decode(m), packet.source());
    }

    /**
     * A receiver that sums the whole message, checksum included, gets zero. v3 over IPv4 sums
     * the pseudo-header with the IP destination; in unicast keepalived also accepts the pre-1.3.6
     * form that always used 224.0.0.18 (SPEC-vrrp.md §1.4), and so do we.
     */
    private boolean checksumOk(ReceivedPacket packet) {
        byte[] m = packet.message();
        if (version == 2) {
            return InternetChecksum.of(m, 0, m.length) == 0;
        }
        byte[] src = packet.source().getAddress();
        if (InternetChecksum.withPseudoHeader(src, packet.destination().getAddress(), m, 0, m.length) == 0) {
            return true;
        }
        return !peers.isEmpty()
                && InternetChecksum.withPseudoHeader(src, GROUP.getAddress(), m, 0, m.length) == 0;
    }

    private static Verdict drop(DropReason reason, String detail) {
        return new Verdict.Dropped(Objects.requireNonNull(reason), detail);
    }
}
