package dev.ferry.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format of SPEC-vrrp.md §1.2-§1.5, checked against the two captured packets. */
class AdvertisementCodecTest {

    static final Inet4Address VIP = ip("10.99.0.100");
    static final Inet4Address GROUP = ip("224.0.0.18");

    static Inet4Address ip(String text) {
        return (Inet4Address) InetAddress.ofLiteral(text);
    }

    static byte[] hex(String text) {
        return HexFormat.ofDelimiter(" ").parseHex(text);
    }

    @Test
    void encodesKeepalivedsCapturedV2AdvertByteForByte() {
        Advertisement ad = new Advertisement(2, 51, 150, 100, List.of(VIP), null);
        byte[] bytes = AdvertisementCodec.encode(ad, ip("10.99.0.1"), GROUP);
        assertArrayEquals(hex("21 33 96 01 00 01 3e 03 0a 63 00 64 00 00 00 00 00 00 00 00"), bytes);
    }

    @Test
    void encodesTheCapturedV3AdvertWithItsPseudoHeaderChecksum() {
        Advertisement ad = new Advertisement(3, 51, 100, 100, List.of(VIP), null);
        byte[] bytes = AdvertisementCodec.encode(ad, ip("10.99.0.2"), GROUP);
        assertArrayEquals(hex("31 33 64 01 00 64 74 ac 0a 63 00 64"), bytes);
    }

    @Test
    void v3ChecksumWithoutThePseudoHeaderWouldBe5fa0AsTheSpecWorksOut() {
        byte[] bytes = hex("31 33 64 01 00 64 00 00 0a 63 00 64");
        assertEquals(0x5fa0, InternetChecksum.of(bytes, 0, bytes.length));
    }

    @Test
    void v2ChecksumOfTheCapturedAdvertSumsToZeroOnReceipt() {
        byte[] bytes = hex("21 33 96 01 00 01 3e 03 0a 63 00 64 00 00 00 00 00 00 00 00");
        assertEquals(0, InternetChecksum.of(bytes, 0, bytes.length));
    }

    @Test
    void v3UnicastChecksumCoversThePeerAsDestination() {
        Advertisement ad = new Advertisement(3, 51, 100, 100, List.of(VIP), null);
        byte[] toPeer = AdvertisementCodec.encode(ad, ip("10.99.0.2"), ip("10.99.0.1"));
        assertEquals(0, InternetChecksum.withPseudoHeader(ip("10.99.0.2").getAddress(), ip("10.99.0.1").getAddress(),
                toPeer, 0, toPeer.length));
        assertEquals(12, toPeer.length);
    }

    @Test
    void v2PasswordIsNulPaddedToEightBytesAndReadBack() {
        Advertisement ad = new Advertisement(2, 7, 100, 300, List.of(VIP, ip("10.99.0.101")), "s3cret");
        byte[] bytes = AdvertisementCodec.encode(ad, ip("10.99.0.1"), GROUP);
        assertEquals(24, bytes.length);
        assertEquals(1, bytes[4], "auth type 1 (simple text password)");
        assertEquals(3, bytes[5], "interval in whole seconds");
        assertArrayEquals(new byte[] {'s', '3', 'c', 'r', 'e', 't', 0, 0}, java.util.Arrays.copyOfRange(bytes, 16, 24));
        assertEquals(ad, AdvertisementCodec.decode(bytes));
    }

    @Test
    void v3IntervalUsesTwelveBitsOfCentiseconds() {
        Advertisement ad = new Advertisement(3, 9, 200, 4095, List.of(VIP), null);
        byte[] bytes = AdvertisementCodec.encode(ad, ip("10.99.0.1"), GROUP);
        assertEquals(0x0f, bytes[4]);
        assertEquals((byte) 0xff, bytes[5]);
        assertEquals(ad, AdvertisementCodec.decode(bytes));
    }

    @Test
    void aV3AdvertCarriesNoAuthentication() {
        assertThrows(IllegalArgumentException.class, () -> new Advertisement(3, 1, 100, 100, List.of(VIP), "x"));
    }

    @Test
    void theIpHeaderCarriesTtl255Tos0xC0AndProtocol112() {
        byte[] packet = Ipv4Header.wrap(ip("10.99.0.1"), GROUP, new byte[20]);
        assertEquals(40, packet.length);
        assertEquals((byte) 0x45, packet[0]);
        assertEquals((byte) 0xc0, packet[1]);
        assertEquals((byte) 255, packet[8]);
        assertEquals(112, packet[9]);
        assertEquals(0, InternetChecksum.of(packet, 0, 20), "the header checksum is valid");
        ReceivedPacket parsed = ReceivedPacket.parse(packet, packet.length).orElseThrow();
        assertEquals(ip("10.99.0.1"), parsed.source());
        assertEquals(GROUP, parsed.destination());
        assertEquals(255, parsed.ttl());
        assertEquals(20, parsed.message().length);
    }

    @Test
    void aDatagramThatIsNoIpv4Protocol112PacketIsNotParsed() {
        byte[] packet = Ipv4Header.wrap(ip("10.99.0.1"), GROUP, new byte[8]);
        packet[9] = 6;
        assertEquals(java.util.Optional.empty(), ReceivedPacket.parse(packet, packet.length));
        assertEquals(java.util.Optional.empty(), ReceivedPacket.parse(new byte[10], 10));
    }
}
