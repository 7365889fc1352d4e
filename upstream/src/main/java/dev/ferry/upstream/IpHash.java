package dev.ferry.upstream;

/**
 * nginx's ip_hash ({@code ngx_http_upstream_get_ip_hash_peer}): the first three octets of an
 * IPv4 client (its /24) or all sixteen bytes of an IPv6 one are folded into a hash starting
 * at 89 with {@code hash = (hash * 113 + byte) % 6271}; {@code hash % total_weight} names the
 * peer by cumulative weight. A tried or unusable peer makes the fold run again from the
 * current value. Clients on unix sockets hash as three zero bytes.
 */
final class IpHash extends GroupBalancer {

    private static final byte[] PSEUDO_ADDRESS = new byte[3];

    IpHash(PeerGroup group) {
        super(group);
    }

    @Override
    public Attempt start(PickContext context) {
        byte[] address = context.clientAddress();
        byte[] key = switch (address.length) {
            case 4 -> new byte[] {address[0], address[1], address[2]};
            case 16 -> address;
            default -> PSEUDO_ADDRESS;
        };
        return new HashedAttempt(group) {
            /** Kept between the picks of one request, as {@code iphp->hash}. */
            private int hash = 89;

            @Override
            int compute(PeerSet set, long now) {
                int h = hash;
                do {
                    h = fold(h, key);
                    int index = set.byWeight(h % set.totalWeight);
                    if (available(set, index, now)) {
                        hash = h;
                        return index;
                    }
                } while (nextTry());
                return -1;
            }
        };
    }

    /** One round of the fold over the key bytes (unsigned). */
    static int fold(int hash, byte[] key) {
        for (byte b : key) {
            hash = (hash * 113 + (b & 0xff)) % 6271;
        }
        return hash;
    }
}
