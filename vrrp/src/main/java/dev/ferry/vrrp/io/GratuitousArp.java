package dev.ferry.vrrp.io;

import java.net.Inet4Address;

/**
 * Gratuitous ARP over one AF_PACKET socket, in keepalived's shape (SPEC-vrrp.md §3, §7): an ARP
 * request to the broadcast address with sender IP = target IP = the VIP and our real MAC
 * (keepalived's default, no VMAC), so neighbours update an existing entry to us.
 */
final class GratuitousArp implements AutoCloseable {

    private final int fd;

    private GratuitousArp(int fd) {
        this.fd = fd;
    }

    static GratuitousArp open() throws NativeFailure {
        return new GratuitousArp(LinuxNet.socket(LinuxNet.AF_PACKET, LinuxNet.SOCK_RAW,
                SocketAddresses.htons(SocketAddresses.ETH_P_ARP), "AF_PACKET, SOCK_RAW, ETH_P_ARP"));
    }

    void send(String interfaceName, int ifindex, byte[] mac, Inet4Address vip) throws NativeFailure {
        LinuxNet.sendto(fd, frame(mac, vip), SocketAddresses.sockaddrLl(ifindex),
                "gratuitous ARP for " + vip.getHostAddress() + " on " + interfaceName);
    }

    /** The 42-byte Ethernet frame: header, then the ARP request (RFC 826, RFC 5227 §3 "ARP Announcement"). */
    static byte[] frame(byte[] mac, Inet4Address vip) {
        byte[] f = new byte[42];
        byte[] ip = vip.getAddress();
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) 0xff; // destination: broadcast
        }
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = 0x08;
        f[13] = 0x06; // EtherType ARP
        f[15] = 1; // hardware type Ethernet
        f[16] = 0x08; // protocol type IPv4
        f[18] = 6; // hardware address length
        f[19] = 4; // protocol address length
        f[21] = 1; // op: request
        System.arraycopy(mac, 0, f, 22, 6); // sender MAC
        System.arraycopy(ip, 0, f, 28, 4); // sender IP = VIP
        for (int i = 32; i < 38; i++) {
            f[i] = (byte) 0xff; // target MAC, as keepalived sends it
        }
        System.arraycopy(ip, 0, f, 38, 4); // target IP = VIP
        return f;
    }

    @Override
    public void close() {
        LinuxNet.close(fd);
    }
}
