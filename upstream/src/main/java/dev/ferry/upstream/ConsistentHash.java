package dev.ferry.upstream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * nginx's {@code hash KEY consistent} ({@code ngx_http_upstream_init_chash} and
 * {@code ..._get_chash_peer}), ketama points compatible with Cache::Memcached::Fast: every
 * {@code server} line gets {@code 160 * weight} points on a ring of 32-bit hashes; a request
 * starts at the first point at or after {@code crc32(key)} and takes the peers of that point's
 * server (SWRR among the addresses of one server name). A point with no usable untried peer
 * costs one of the 20 tries and the walk moves to the next point. An empty key means round robin.
 */
final class ConsistentHash extends GroupBalancer {

    /** Points per unit of weight. */
    static final int POINTS_PER_WEIGHT = 160;

    private final Ring ring;

    ConsistentHash(PeerGroup group) {
        super(group);
        this.ring = Ring.of(group.primary);
    }

    @Override
    public Attempt start(PickContext context) {
        return new ConsistentHashAttempt(group, ring, context.hashKey().getBytes(StandardCharsets.UTF_8));
    }

    /** One request: its place on the ring; it is also the filter that keeps one server's peers. */
    private static final class ConsistentHashAttempt extends HashedAttempt implements PeerFilter {

        private final Ring ring;
        private final boolean emptyKey;
        /** {@code hp->hash}: the index of the current point, taken modulo the ring size. */
        private long point;
        private String server;

        ConsistentHashAttempt(PeerGroup group, Ring ring, byte[] key) {
            super(group);
            this.ring = ring;
            this.emptyKey = key.length == 0;
            this.point = ring.find(crc32(key));
        }

        @Override
        boolean roundRobinOnly() {
            return emptyKey;
        }

        @Override
        int compute(PeerSet set, long now) {
            do {
                server = ring.server(point);
                int index = SmoothWeightedRoundRobin.select(set, this, now, 0, this);
                if (index >= 0) {
                    return index;
                }
                point++;
            } while (nextTry());
            return -1;
        }

        @Override
        public boolean accepts(Peer peer) {
            return peer.server().equals(server);
        }
    }

    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** The sorted, deduplicated points of a tier. */
    record Ring(long[] hashes, String[] servers) {

        static Ring of(PeerSet set) {
            List<long[]> points = new ArrayList<>(); // {hash, peer index}
            for (int p = 0; p < set.size(); p++) {
                Peer peer = set.get(p);
                byte[] base = base(peer.server());
                long prev = 0;
                for (int j = 0; j < POINTS_PER_WEIGHT * peer.weight(); j++) {
                    long hash = pointHash(base, prev);
                    points.add(new long[] {hash, p});
                    prev = hash;
                }
            }
            // ngx_qsort then a pass that keeps the first of equal hashes; Java's sort is stable,
            // so on a collision between two servers the one written first keeps the point.
            points.sort(Comparator.comparingLong(point -> point[0]));
            List<long[]> unique = new ArrayList<>(points.size());
            for (long[] point : points) {
                if (unique.isEmpty() || unique.getLast()[0] != point[0]) {
                    unique.add(point);
                }
            }
            long[] hashes = new long[unique.size()];
            String[] servers = new String[unique.size()];
            for (int i = 0; i < unique.size(); i++) {
                hashes[i] = unique.get(i)[0];
                servers[i] = set.get((int) unique.get(i)[1]).server();
            }
            return new Ring(hashes, servers);
        }

        /**
         * {@code HOST \0 PORT} of a server as written: {@code unix:} servers have the path and no
         * port; otherwise the port is the digits after the last colon, if any.
         */
        static byte[] base(String server) {
            String host = server;
            String port = "";
            if (server.regionMatches(true, 0, "unix:", 0, 5)) {
                host = server.substring(5);
            } else {
                for (int j = server.length() - 1; j >= 0; j--) {
                    char c = server.charAt(j);
                    if (c == ':') {
                        host = server.substring(0, j);
                        port = server.substring(j + 1);
                        break;
                    }
                    if (c < '0' || c > '9') {
                        break;
                    }
                }
            }
            byte[] h = host.getBytes(StandardCharsets.UTF_8);
            byte[] p = port.getBytes(StandardCharsets.UTF_8);
            byte[] base = new byte[h.length + 1 + p.length];
            System.arraycopy(h, 0, base, 0, h.length);
            System.arraycopy(p, 0, base, h.length + 1, p.length);
            return base;
        }

        /** crc32 of the base followed by the previous point's hash as 4 little-endian bytes. */
        static long pointHash(byte[] base, long prev) {
            CRC32 crc = new CRC32();
            crc.update(base);
            crc.update(new byte[] {(byte) prev, (byte) (prev >>> 8), (byte) (prev >>> 16), (byte) (prev >>> 24)});
            return crc.getValue();
        }

        /** ngx_http_upstream_find_chash_point: the first point ≥ hash, or the ring size when none. */
        long find(long hash) {
            int i = 0;
            int j = hashes.length;
            while (i < j) {
                int k = (i + j) >>> 1;
                if (hash > hashes[k]) {
                    i = k + 1;
                } else if (hash < hashes[k]) {
                    j = k;
                } else {
                    return k;
                }
            }
            return i;
        }

        /** The server of point {@code index}, wrapping around the ring. */
        String server(long index) {
            return servers[(int) (index % servers.length)];
        }

        int size() {
            return hashes.length;
        }
    }
}
