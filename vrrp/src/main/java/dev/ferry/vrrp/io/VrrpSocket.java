package dev.ferry.vrrp.io;

import dev.ferry.vrrp.packet.ReceivedPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The two raw protocol-112 sockets of one channel (an interface in multicast mode, or a
 * unicast source address), set up as keepalived sets them up (SPEC-vrrp.md §6.1).
 */
final class VrrpSocket implements AutoCloseable {

    static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");

    private final int receiveFd;
    private final int sendFd;
    private final String name;
    private final byte[] buffer = new byte[65536];

    private VrrpSocket(int receiveFd, int sendFd, String name) {
        this.receiveFd = receiveFd;
        this.sendFd = sendFd;
        this.name = name;
    }

    /**
     * Opens the receive socket (joined to 224.0.0.18 on the interface, or bound to the unicast
     * source) and the send socket (IP_HDRINCL, multicast interface, no loop back).
     *
     * @param interfaceName the interface; adverts are received and sent on it only
     * @param unicastSource the unicast source address, or {@code null} for multicast
     */
    static VrrpSocket open(String interfaceName, int ifindex, Inet4Address unicastSource) throws NativeFailure {
        int receive = LinuxNet.socket(LinuxNet.AF_INET, LinuxNet.SOCK_RAW, LinuxNet.IPPROTO_VRRP,
                "AF_INET, SOCK_RAW, IPPROTO_VRRP");
        int send = -1;
        try {
            if (unicastSource == null) {
                // Only the groups this socket joins, not those of every socket on the host.
                LinuxNet.setsockopt(receive, LinuxNet.IPPROTO_IP, LinuxNet.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
                LinuxNet.setsockopt(receive, LinuxNet.IPPROTO_IP, LinuxNet.IP_ADD_MEMBERSHIP,
                        SocketAddresses.ipMreqn(GROUP, ifindex), "IP_ADD_MEMBERSHIP 224.0.0.18 on " + interfaceName);
                // Bound to the group, the socket gets no unicast protocol-112 packets.
                LinuxNet.bind(receive, SocketAddresses.sockaddrIn(GROUP), "224.0.0.18");
            } else {
                // The address may not be up yet (a VIP-only host); keepalived sets IP_FREEBIND too.
                LinuxNet.setsockopt(receive, LinuxNet.IPPROTO_IP, LinuxNet.IP_FREEBIND, 1, "IP_FREEBIND");
                LinuxNet.bind(receive, SocketAddresses.sockaddrIn(unicastSource), unicastSource.getHostAddress());
            }
            LinuxNet.setsockopt(receive, LinuxNet.SOL_SOCKET, LinuxNet.SO_BINDTODEVICE,
                    SocketAddresses.deviceName(interfaceName), "SO_BINDTODEVICE " + interfaceName);

            send = LinuxNet.socket(LinuxNet.AF_INET, LinuxNet.SOCK_RAW, LinuxNet.IPPROTO_RAW,
                    "AF_INET, SOCK_RAW, IPPROTO_RAW");
            // We write the IP header: TTL 255, TOS 0xC0, our primary address as source.
            LinuxNet.setsockopt(send, LinuxNet.IPPROTO_IP, LinuxNet.IP_HDRINCL, 1, "IP_HDRINCL");
            LinuxNet.setsockopt(send, LinuxNet.IPPROTO_IP, LinuxNet.IP_MULTICAST_IF,
                    SocketAddresses.ipMreqn(null, ifindex), "IP_MULTICAST_IF " + interfaceName);
            LinuxNet.setsockopt(send, LinuxNet.IPPROTO_IP, LinuxNet.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            LinuxNet.setsockopt(send, LinuxNet.SOL_SOCKET, LinuxNet.SO_BINDTODEVICE,
                    SocketAddresses.deviceName(interfaceName), "SO_BINDTODEVICE " + interfaceName);
            return new VrrpSocket(receive, send, interfaceName);
        } catch (NativeFailure | RuntimeException e) {
            LinuxNet.close(receive);
            if (send >= 0) {
                LinuxNet.close(send);
            }
            throw e;
        }
    }

    int receiveFd() {
        return receiveFd;
    }

    /** Sends a whole IP packet (header included) to {@code destination}. */
    void send(byte[] ipPacket, Inet4Address destination) throws NativeFailure {
        LinuxNet.sendto(sendFd, ipPacket, SocketAddresses.sockaddrIn(destination),
                "VRRP to " + destination.getHostAddress() + " on " + name);
    }

    /**
     * Hands every queued packet to {@code sink} without blocking (at most {@code max}, so one
     * flooded socket cannot starve the timers); returns how many were no IPv4/112 packet at all.
     */
    int drain(int max, Consumer<ReceivedPacket> sink) throws NativeFailure {
        int malformed = 0;
        for (int i = 0; i < max; i++) {
            int n = LinuxNet.recv(receiveFd, buffer, false, "VRRP on " + name);
            if (n < 0) {
                break;
            }
            Optional<ReceivedPacket> packet = ReceivedPacket.parse(buffer, n);
            if (packet.isPresent()) {
                sink.accept(packet.get());
            } else {
                malformed++;
            }
        }
        return malformed;
    }

    @Override
    public void close() {
        LinuxNet.close(receiveFd);
        LinuxNet.close(sendFd);
    }
}
