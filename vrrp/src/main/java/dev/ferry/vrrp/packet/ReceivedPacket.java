package dev.ferry.vrrp.packet;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a raw protocol-112 socket delivers: the IPv4 header fields that matter for VRRP and the
 * VRRP message after it (SPEC-vrrp.md §1.1, §6.1: skip IHL×4 bytes).
 *
 * @param ttl         byte 8 of the IP header; 255 unless the packet was routed
 * @param source      the sender's primary address, used to break priority ties
 * @param destination 224.0.0.18, or our address in unicast
 * @param message     the VRRP message, cut to the IP total length
 */
public record ReceivedPacket(int ttl, Inet4Address source, Inet4Address destination, byte[] message) {

    public ReceivedPacket {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
    }

    /** Reads {@code length} bytes of a received datagram; empty when it is no IPv4/112 packet at all. */
    public static Optional<ReceivedPacket> parse(byte[] buffer, int length) {
        if (length < Ipv4Header.LENGTH || (buffer[0] & 0xf0) != 0x40) {
            return Optional.empty();
        }
        int headerLength = (buffer[0] & 0x0f) * 4;
        int total = ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
        if (headerLength < Ipv4Header.LENGTH || total > length || total < headerLength
                || (buffer[9] & 0xff) != Ipv4Header.PROTOCOL_VRRP) {
            return Optional.empty();
        }
        return Optional.of(new ReceivedPacket(buffer[8] & 0xff, AdvertisementCodec.address(buffer, 12),
                AdvertisementCodec.address(buffer, 16), Arrays.copyOfRange(buffer, headerLength, total)));
    }

    /** The VRID byte, for finding the instance before the full checks; -1 when the message is too short. */
    public int vrid() {
        return message.length < 2 ? -1 : message[1] & 0xff;
    }

    /** The version nibble; -1 when the message is empty. */
    public int version() {
        return message.length < 1 ? -1 : (message[0] & 0xff) >>> 4;
    }
}
