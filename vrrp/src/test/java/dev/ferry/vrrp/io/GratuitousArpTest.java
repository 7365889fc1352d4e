package dev.ferry.vrrp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** keepalived's GARP shape (SPEC-vrrp.md §3): a broadcast ARP request with sender IP = target IP = VIP. */
class GratuitousArpTest {

    @Test
    void theFrameIsABroadcastArpRequestForTheVipFromOurMac() {
        byte[] mac = HexFormat.of().parseHex("02000a630002");
        byte[] frame = GratuitousArp.frame(mac, (Inet4Address) InetAddress.ofLiteral("10.99.0.100"));
        assertArrayEquals(HexFormat.of().parseHex(
                "ffffffffffff" + "02000a630002" + "0806"
                        + "0001" + "0800" + "06" + "04" + "0001"
                        + "02000a630002" + "0a630064"
                        + "ffffffffffff" + "0a630064"), frame);
    }

    @Test
    void structuresHaveTheLinuxLayouts() {
        assertArrayEquals(HexFormat.of().parseHex("0200" + "0000" + "e0000012" + "0000000000000000"),
                SocketAddresses.sockaddrIn((Inet4Address) InetAddress.ofLiteral("224.0.0.18")));
        assertArrayEquals(HexFormat.of().parseHex("e0000012" + "00000000" + "07000000"),
                SocketAddresses.ipMreqn((Inet4Address) InetAddress.ofLiteral("224.0.0.18"), 7));
        assertArrayEquals(HexFormat.of().parseHex("1100" + "0806" + "03000000" + "0100" + "00" + "06"
                + "ffffffffffff0000"), SocketAddresses.sockaddrLl(3));
        assertArrayEquals(HexFormat.of().parseHex("6574683000"), SocketAddresses.deviceName("eth0"));
    }
}
