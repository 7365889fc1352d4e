package dev.ferry.upstream;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * What the hashing balancers need from a request, given to {@link Balancer#start(PickContext)}.
 *
 * @param clientAddress the client's IP address bytes (4 for IPv4, 16 for IPv6), or empty for a
 *                      client on a unix socket; {@code ip_hash} reads it
 * @param hashKey       the {@code hash} directive's key evaluated for this request, or empty;
 *                      hashed as its UTF-8 bytes
 */
public record PickContext(byte[] clientAddress, String hashKey) {

    /** No client address and no key: what balancers that need neither are given. */
    public static final PickContext NONE = new PickContext(new byte[0], "");

    public PickContext {
        clientAddress = Objects.requireNonNull(clientAddress, "clientAddress").clone();
        if (clientAddress.length != 0 && clientAddress.length != 4 && clientAddress.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes");
        }
        Objects.requireNonNull(hashKey, "hashKey");
    }

    /** From the client's socket address (any non-IP address counts as a unix socket client). */
    public static PickContext of(SocketAddress client, String hashKey) {
        byte[] bytes = client instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getAddress() : new byte[0];
        return new PickContext(bytes, hashKey);
    }

    @Override
    public byte[] clientAddress() {
        return clientAddress.clone();
    }
}
