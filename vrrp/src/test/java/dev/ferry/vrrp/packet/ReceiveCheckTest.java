package dev.ferry.vrrp.packet;

import static dev.ferry.vrrp.packet.AdvertisementCodecTest.GROUP;
import static dev.ferry.vrrp.packet.AdvertisementCodecTest.VIP;
import static dev.ferry.vrrp.packet.AdvertisementCodecTest.hex;
import static dev.ferry.vrrp.packet.AdvertisementCodecTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5798 §7.1 receive checks in keepalived's order, each drop with its reason (SPEC-vrrp.md §2.3). */
class ReceiveCheckTest {

    static final byte[] KEEPALIVED_V2 = hex("21 33 96 01 00 01 3e 03 0a 63 00 64 00 00 00 00 00 00 00 00");
    static final byte[] PROTOTYPE_V3 = hex("31 33 64 01 00 64 74 ac 0a 63 00 64");

    static final ReceiveCheck V2 = new ReceiveCheck(2, 51, null, 100, true, List.of());
    static final ReceiveCheck V3 = new ReceiveCheck(3, 51, null, 100, true, List.of());

    static ReceivedPacket packet(int ttl, String source, Inet4Address destination, byte[] message) {
        return new ReceivedPacket(ttl, ip(source), destination, message);
    }

    static DropReason dropped(ReceiveCheck check, ReceivedPacket packet) {
        return assertInstanceOf(Verdict.Dropped.class, check.check(packet)).reason();
    }

    @Test
    void acceptsKeepalivedsCapturedV2Advert() {
        Verdict.Accepted ok = assertInstanceOf(Verdict.Accepted.class,
                V2.check(packet(255, "10.99.0.1", GROUP, KEEPALIVED_V2)));
        assertEquals(new Advertisement(2, 51, 150, 100, List.of(VIP), null), ok.advertisement());
        assertEquals(ip("10.99.0.1"), ok.source());
    }

    @Test
    void acceptsTheCapturedV3AdvertFromItsSource() {
        assertInstanceOf(Verdict.Accepted.class, V3.check(packet(255, "10.99.0.2", GROUP, PROTOTYPE_V3)));
    }

    @Test
    void dropsARoutedPacketWhoseTtlIsNot255() {
        assertEquals(DropReason.TTL, dropped(V2, packet(254, "10.99.0.1", GROUP, KEEPALIVED_V2)));
    }

    @Test
    void unicastSkipsTheTtlCheckAsKeepalivedDoes() {
        ReceiveCheck unicast = new ReceiveCheck(2, 51, null, 100, false, List.of(ip("10.99.0.1")));
        assertInstanceOf(Verdict.Accepted.class, unicast.check(packet(64, "10.99.0.1", ip("10.99.0.2"), KEEPALIVED_V2)));
    }

    @Test
    void unicastDropsASourceThatIsNoPeer() {
        ReceiveCheck unicast = new ReceiveCheck(2, 51, null, 100, false, List.of(ip("10.99.0.3")));
        assertEquals(DropReason.SOURCE, dropped(unicast, packet(255, "10.99.0.1", ip("10.99.0.2"), KEEPALIVED_V2)));
    }

    @Test
    void dropsTheOtherVersionWithKeepalivedsWording() {
        Verdict.Dropped d = assertInstanceOf(Verdict.Dropped.class, V2.check(packet(255, "10.99.0.2", GROUP, PROTOTYPE_V3)));
        assertEquals(DropReason.VERSION, d.reason());
        assertEquals("received 3 and expect 2", d.detail());
    }

    @Test
    void dropsAnUnknownType() {
        byte[] m = KEEPALIVED_V2.clone();
        m[0] = 0x22;
        assertEquals(DropReason.TYPE, dropped(V2, packet(255, "10.99.0.1", GROUP, m)));
    }

    @Test
    void dropsAnotherVrid() {
        ReceiveCheck other = new ReceiveCheck(2, 52, null, 100, true, List.of());
        assertEquals(DropReason.UNKNOWN_VRID, dropped(other, packet(255, "10.99.0.1", GROUP, KEEPALIVED_V2)));
    }

    @Test
    void dropsALengthThatDoesNotMatchTheAddressCount() {
        byte[] m = KEEPALIVED_V2.clone();
        m[3] = 2;
        assertEquals(DropReason.LENGTH, dropped(V2, packet(255, "10.99.0.1", GROUP, m)));
        assertEquals(DropReason.TOO_SHORT, dropped(V2, packet(255, "10.99.0.1", GROUP, new byte[4])));
    }

    @Test
    void dropsABadChecksum() {
        byte[] m = KEEPALIVED_V2.clone();
        m[7] ^= 1;
        assertEquals(DropReason.CHECKSUM, dropped(V2, packet(255, "10.99.0.1", GROUP, m)));
    }

    @Test
    void dropsAV3ChecksumComputedForAnotherSource() {
        assertEquals(DropReason.CHECKSUM, dropped(V3, packet(255, "10.99.0.9", GROUP, PROTOTYPE_V3)));
    }

    @Test
    void unicastAcceptsThePre136V3ChecksumOverTheGroupAddress() {
        ReceiveCheck unicast = new ReceiveCheck(3, 51, null, 100, false, List.of(ip("10.99.0.2")));
        assertInstanceOf(Verdict.Accepted.class, unicast.check(packet(255, "10.99.0.2", ip("10.99.0.1"), PROTOTYPE_V3)));
    }

    @Test
    void dropsAnAdvertWithoutThePasswordWeExpect() {
        ReceiveCheck withPass = new ReceiveCheck(2, 51, "s3cret", 100, true, List.of());
        assertEquals(DropReason.AUTH_TYPE, dropped(withPass, packet(255, "10.99.0.1", GROUP, KEEPALIVED_V2)));
        Advertisement wrong = new Advertisement(2, 51, 150, 100, List.of(VIP), "guess");
        byte[] m = AdvertisementCodec.encode(wrong, ip("10.99.0.1"), GROUP);
        assertEquals(DropReason.AUTH_PASS, dropped(withPass, packet(255, "10.99.0.1", GROUP, m)));
        Advertisement right = new Advertisement(2, 51, 150, 100, List.of(VIP), "s3cret");
        assertInstanceOf(Verdict.Accepted.class,
                withPass.check(packet(255, "10.99.0.1", GROUP, AdvertisementCodec.encode(right, ip("10.99.0.1"), GROUP))));
    }

    @Test
    void v2DropsAnotherIntervalButV3AcceptsIt() {
        ReceiveCheck twoSeconds = new ReceiveCheck(2, 51, null, 200, true, List.of());
        assertEquals(DropReason.INTERVAL, dropped(twoSeconds, packet(255, "10.99.0.1", GROUP, KEEPALIVED_V2)));
        ReceiveCheck v3TwoSeconds = new ReceiveCheck(3, 51, null, 200, true, List.of());
        assertInstanceOf(Verdict.Accepted.class, v3TwoSeconds.check(packet(255, "10.99.0.2", GROUP, PROTOTYPE_V3)));
    }
}
