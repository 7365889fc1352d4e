package dev.ferry.vrrp.io;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** What the speaker reads about an interface: index, MAC, primary address, link state. */
final class Interfaces {

    private static final Path SYS = Path.of("/sys/class/net");

    private Interfaces() {
    }

    static int index(String name) throws NativeFailure {
        return LinuxNet.ifNameToIndex(name);
    }

    /** The MAC from sysfs, which {@code ip netns exec} mounts per namespace (SPEC-vrrp.md §7). */
    static byte[] mac(String name) throws IOException {
        String text = Files.readString(SYS.resolve(name).resolve("address")).strip();
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IOException("no Ethernet address on " + name + ": \"" + text + "\"");
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    /**
     * The interface's primary IPv4 address — the first the kernel lists — skipping our own VIPs,
     * which a crash may have left behind. RFC 5798 §5.1.1.1: adverts come from the primary address.
     */
    static Optional<Inet4Address> primaryAddress(String name, Set<Inet4Address> vips) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                return Optional.empty();
            }
            for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4 && !vips.contains(v4)) {
                    return Optional.of(v4);
                }
            }
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** The interface that holds {@code address}, for unicast instances without {@code interface}. */
    static Optional<String> holding(InetAddress address) {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            return nif == null ? Optional.empty() : Optional.of(nif.getName());
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** Up with carrier; sysfs refuses to read the carrier of an interface that is down. */
    static boolean isUp(String name) {
        try {
            return Files.readString(SYS.resolve(name).resolve("carrier")).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }
}
