package dev.ferry.upstream.config;

import java.util.Objects;

/**
 * The load balancing method of an upstream group: the default round robin, or the one set by
 * {@code least_conn}, {@code ip_hash}, {@code hash KEY [consistent]} or {@code random [two]}.
 * Each directive also decides which {@code server} parameters the block accepts after it
 * (nginx's {@code uscf->flags}).
 */
public sealed interface BalancingMethod {

    /** Smooth weighted round robin: no directive written. */
    BalancingMethod ROUND_ROBIN = new RoundRobin();

    /** Whether {@code server ... backup} is allowed with this method (NGX_HTTP_UPSTREAM_BACKUP). */
    boolean allowsBackup();

    /** The default: smooth weighted round robin. */
    record RoundRobin() implements BalancingMethod {
        @Override
        public boolean allowsBackup() {
            return true;
        }
    }

    /** {@code least_conn;} */
    record LeastConn() implements BalancingMethod {
        @Override
        public boolean allowsBackup() {
            return true;
        }
    }

    /** {@code ip_hash;} */
    record IpHash() implements BalancingMethod {
        @Override
        public boolean allowsBackup() {
            return false;
        }
    }

    /**
     * {@code hash KEY [consistent];}
     *
     * @param key        the key as written, a string with variables that the proxy evaluates for
     *                   every request (nginx's complex value); kept raw here
     * @param consistent true for ketama consistent hashing
     */
    record Hash(String key, boolean consistent) implements BalancingMethod {
        public Hash {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean allowsBackup() {
            return false;
        }
    }

    /**
     * {@code random [two [least_conn]];}
     *
     * @param two true for "power of two choices": the less loaded of two draws wins
     *            ({@code least_conn} is the only, and default, way to compare them)
     */
    record Random(boolean two) implements BalancingMethod {
        @Override
        public boolean allowsBackup() {
            return false;
        }
    }
}
