package dev.ferry.vrrp.io;

import dev.ferry.vrrp.config.VirtualAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link VipManager} over rtnetlink, as keepalived does it: one RTM_NEWADDR / RTM_DELADDR
 * request with an ACK (SPEC-vrrp.md §7 "Native"). No fork of {@code ip} on the takeover path.
 */
final class NetlinkVipManager implements VipManager {

    private static final short RTM_NEWADDR = 20;
    private static final short RTM_DELADDR = 21;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_ACK = 0x4;
    private static final short NLM_F_EXCL = 0x200;
    private static final short NLM_F_CREATE = 0x400;
    private static final short NLMSG_ERROR = 2;
    private static final short IFA_ADDRESS = 1;
    private static final short IFA_LOCAL = 2;
    private static final int EEXIST = 17;
    private static final int EADDRNOTAVAIL = 99;

    private final int fd;
    private final byte[] reply = new byte[8192];
    private int seq;

    private NetlinkVipManager(int fd) {
        this.fd = fd;
    }

    static NetlinkVipManager open() throws NativeFailure {
        int fd = LinuxNet.socket(LinuxNet.AF_NETLINK, LinuxNet.SOCK_RAW, LinuxNet.NETLINK_ROUTE,
                "AF_NETLINK, SOCK_RAW, NETLINK_ROUTE");
        try {
            // The kernel answers at once; the timeout only guards against a lost answer.
            LinuxNet.setsockopt(fd, LinuxNet.SOL_SOCKET, LinuxNet.SO_RCVTIMEO, SocketAddresses.timeval(2000),
                    "SO_RCVTIMEO");
            LinuxNet.bind(fd, SocketAddresses.sockaddrNl(), "AF_NETLINK");
        } catch (NativeFailure | RuntimeException e) {
            LinuxNet.close(fd);
            throw e;
        }
        return new NetlinkVipManager(fd);
    }

    @Override
    public synchronized void add(String interfaceName, int ifindex, VirtualAddress vip) throws NativeFailure {
        int error = request(RTM_NEWADDR, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE), ifindex, vip, true);
        if (error != 0 && error != EEXIST) {
            throw new NativeFailure("RTM_NEWADDR " + vip + " dev " + interfaceName, error, LinuxNet.strerror(error));
        }
    }

    @Override
    public synchronized void remove(String interfaceName, int ifindex, VirtualAddress vip) throws NativeFailure {
        // Only IFA_LOCAL: the kernel then deletes the address whatever its prefix length.
        int error = request(RTM_DELADDR, (short) (NLM_F_REQUEST | NLM_F_ACK), ifindex, vip, false);
        if (error != 0 && error != EADDRNOTAVAIL) {
            throw new NativeFailure("RTM_DELADDR " + vip + " dev " + interfaceName, error, LinuxNet.strerror(error));
        }
    }

    /** Sends one request and returns the positive errno of its ACK (0 for success). */
    private int request(short type, short flags, int ifindex, VirtualAddress vip, boolean withAddress)
            throws NativeFailure {
        int length = 16 + 8 + 8 + (withAddress ? 8 : 0);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        int sequence = ++seq;
        // struct nlmsghdr
        b.putInt(length).putShort(type).putShort(flags).putInt(sequence).putInt(0);
        // struct ifaddrmsg: AF_INET, prefix length, flags, scope universe, interface index
        b.put((byte) LinuxNet.AF_INET).put((byte) vip.prefixLength()).put((byte) 0).put((byte) 0).putInt(ifindex);
        b.putShort((short) 8).putShort(IFA_LOCAL).put(vip.address().getAddress());
        if (withAddress) {
            b.putShort((short) 8).putShort(IFA_ADDRESS).put(vip.address().getAddress());
        }
        LinuxNet.sendto(fd, b.array(), SocketAddresses.sockaddrNl(), "AF_NETLINK");
        while (true) {
            int n = LinuxNet.recv(fd, reply, true, "AF_NETLINK");
            if (n < 0) {
                throw new NativeFailure("recv(AF_NETLINK) for " + vip, LinuxNet.EAGAIN, "no answer from the kernel");
            }
            ByteBuffer r = ByteBuffer.wrap(reply, 0, n).order(ByteOrder.LITTLE_ENDIAN);
            int offset = 0;
            while (offset + 20 <= n) {
                int msgLength = r.getInt(offset);
                short msgType = r.getShort(offset + 4);
                int msgSeq = r.getInt(offset + 8);
                if (msgType == NLMSG_ERROR && msgSeq == sequence) {
                    return -r.getInt(offset + 16);
                }
                if (msgLength < 16) {
                    break;
                }
                offset += (msgLength + 3) & ~3;
            }
        }
    }

    @Override
    public void close() {
        LinuxNet.close(fd);
    }
}
