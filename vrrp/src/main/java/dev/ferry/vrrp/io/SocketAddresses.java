package dev.ferry.vrrp.io;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The C structures the speaker passes to libc, as byte arrays in the layouts of Linux x86_64
 * (native little-endian for host-order fields, big-endian where the kernel wants network order).
 */
final class SocketAddresses {

    static final int ETH_P_ARP = 0x0806;

    private SocketAddresses() {
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] nativeInt(int value) {
        return little(4).putInt(value).array();
    }

    /** struct sockaddr_in: family (host order), port (network order), address, 8 zero bytes. */
    static byte[] sockaddrIn(Inet4Address address) {
        ByteBuffer b = little(16);
        b.putShort((short) LinuxNet.AF_INET);
        b.putShort((short) 0);
        b.put(address.getAddress());
        return b.array();
    }

    /** struct ip_mreqn: multicast group, local address (any), interface index (host order). */
    static byte[] ipMreqn(Inet4Address group, int ifindex) {
        ByteBuffer b = little(12);
        b.put(group == null ? new byte[4] : group.getAddress());
        b.put(new byte[4]);
        b.putInt(ifindex);
        return b.array();
    }

    /** The interface name NUL-terminated, for SO_BINDTODEVICE. */
    static byte[] deviceName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, z, 0, bytes.length);
        return z;
    }

    /** struct timeval for SO_RCVTIMEO. */
    static byte[] timeval(long millis) {
        return little(16).putLong(millis / 1000).putLong((millis % 1000) * 1000).array();
    }

    /**
     * struct sockaddr_ll for sending an ARP frame: family, protocol (network order), ifindex,
     * hatype, pkttype, halen 6, the broadcast address.
     */
    static byte[] sockaddrLl(int ifindex) {
        ByteBuffer b = little(20);
        b.putShort((short) LinuxNet.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) ETH_P_ARP).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ifindex);
        b.putShort((short) 1); // ARPHRD_ETHER
        b.put((byte) 0);
        b.put((byte) 6);
        for (int i = 0; i < 6; i++) {
            b.put((byte) 0xff);
        }
        return b.array();
    }

    /** struct sockaddr_nl addressed to the kernel (pid 0, no groups). */
    static byte[] sockaddrNl() {
        ByteBuffer b = little(12);
        b.putShort((short) LinuxNet.AF_NETLINK);
        return b.array();
    }

    /** htons for the protocol argument of socket(AF_PACKET, ...). */
    static int htons(int value) {
        return ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
    }
}
