package dev.ferry.upstream;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * nginx's {@code hash KEY} ({@code ngx_http_upstream_get_hash_peer}), compatible with
 * Cache::Memcached: each round adds {@code (crc32(PREFIX KEY) >> 16) & 0x7fff} to the hash,
 * where PREFIX is empty in the first round and then the decimal count of earlier rounds;
 * {@code hash % total_weight} names the peer by cumulative weight. An empty key means round
 * robin.
 */
final class Hash extends GroupBalancer {

    Hash(PeerGroup group) {
        super(group);
    }

    @Override
    public Attempt start(PickContext context) {
        byte[] key = context.hashKey().getBytes(StandardCharsets.UTF_8);
        return new HashedAttempt(group) {
            /** {@code hp->hash}, a uint32_t in nginx. */
            private long hash;
            /** {@code hp->rehash}: rounds computed so far in this request. */
            private long rehash;

            @Override
            boolean roundRobinOnly() {
                return key.length == 0;
            }

            @Override
            int compute(PeerSet set, long now) {
                do {
                    hash = (hash + round(rehash, key)) & 0xffff_ffffL;
                    rehash++;
                    int index = set.byWeight(hash % set.totalWeight);
                    if (available(set, index, now)) {
                        return index;
                    }
                } while (nextTry());
                return -1;
            }
        };
    }

    /** What round {@code rehash} adds to the hash. */
    static long round(long rehash, byte[] key) {
        CRC32 crc = new CRC32();
        if (rehash > 0) {
            crc.update(Long.toString(rehash).getBytes(StandardCharsets.US_ASCII));
        }
        crc.update(key);
        return (crc.getValue() >>> 16) & 0x7fff;
    }
}
