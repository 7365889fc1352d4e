package dev.ferry.upstream.config;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Sizes;
import dev.ferry.conf.value.Times;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Reads the children of one {@code upstream} block in line order, as nginx's handlers run
 * while the block is parsed: a balancing directive changes which {@code server} parameters
 * the following lines may use, a second one is "load balancing method redefined", and the
 * keepalive directives refuse to be set twice. The registry's read-time checks and the binder
 * both feed the same directives through this class, so they cannot disagree.
 */
final class UpstreamBlock {

    /** nginx's ngx_pagesize on the platforms it targets: zones must hold 8 pages. */
    private static final long MIN_ZONE_SIZE = 8 * 4096;

    private final ServerReader servers;
    private final Map<String, Long> zoneSizes;
    private final Consumer<ConfigWarning> warnings;

    private BalancingMethod method;
    private Directive firstBackup;
    private final List<UpstreamServer> bound = new ArrayList<>();
    private Integer keepaliveConnections;
    private boolean keepaliveLocal;
    private Duration keepaliveTimeout;
    private Long keepaliveRequests;
    private Duration keepaliveTime;
    private UpstreamZone zone;

    /**
     * @param servers   reads {@code server} lines (and resolves their host names)
     * @param zoneSizes zone name to declared size, shared by every block of one load, as nginx's
     *                  list of shared memory zones
     * @param warnings  where "load balancing method redefined" goes
     */
    UpstreamBlock(ServerReader servers, Map<String, Long> zoneSizes, Consumer<ConfigWarning> warnings) {
        this.servers = servers;
        this.zoneSizes = zoneSizes;
        this.warnings = warnings;
    }

    /** Reads one child directive; throws nginx's error for a bad one. */
    void read(Directive d) {
        switch (d.name()) {
            case "server" -> server(d);
            case "least_conn" -> method(d, new BalancingMethod.LeastConn());
            case "ip_hash" -> method(d, new BalancingMethod.IpHash());
            case "hash" -> hash(d);
            case "random" -> random(d);
            case "keepalive" -> keepalive(d);
            case "keepalive_timeout" -> keepaliveTimeout = millis(d, keepaliveTimeout);
            case "keepalive_time" -> keepaliveTime = millis(d, keepaliveTime);
            case "keepalive_requests" -> keepaliveRequests(d);
            case "zone" -> zone(d);
            default -> {
                // owned by another module; nothing for the upstream group
            }
        }
    }

    /** The group, once every child was read; {@code upstream} is the block directive. */
    UpstreamConfig build(Directive upstream) {
        if (bound.isEmpty()) {
            // ngx_http_upstream words it when the block closes; we name the block's line.
            throw new ConfigException("no servers are inside upstream", upstream.position());
        }
        if (bound.stream().allMatch(UpstreamServer::backup)) {
            // ngx_http_upstream_init_round_robin: no primary peer at all.
            throw new ConfigException("no servers in upstream \"" + upstream.arg(0) + "\"", upstream.position());
        }
        return new UpstreamConfig(upstream.arg(0), bound, false, method == null ? BalancingMethod.ROUND_ROBIN : method,
                keepalive(), zone, upstream.position());
    }

    private void server(Directive d) {
        BalancingMethod current = method == null ? BalancingMethod.ROUND_ROBIN : method;
        UpstreamServer server = servers.read(d, current.allowsBackup());
        if (server.backup() && firstBackup == null) {
            firstBackup = d;
        }
        bound.add(server);
    }

    /**
     * The handlers of ngx_http_upstream_{least_conn,ip_hash,hash,random}: warn when a method was
     * already chosen, then take over. Ferry also refuses a {@code backup} server written before
     * a method that has no backups (SPEC §9), with the message nginx gives after it.
     */
    private void method(Directive d, BalancingMethod chosen) {
        if (method != null) {
            warnings.accept(new ConfigWarning("warn", "load balancing method redefined", d.position()));
        }
        method = chosen;
        if (!chosen.allowsBackup() && firstBackup != null) {
            throw firstBackup.errorText("balancing method does not support parameter \"backup\"");
        }
    }

    /** ngx_http_upstream_hash: the method is switched before the third argument is checked. */
    private void hash(Directive d) {
        boolean consistent = d.args().size() == 2;
        method(d, new BalancingMethod.Hash(d.arg(0), consistent));
        if (consistent && !d.arg(1).equals("consistent")) {
            throw invalidParameter(d, d.arg(1));
        }
    }

    /** ngx_http_upstream_random: {@code two}, then only {@code least_conn}, compared case-sensitively. */
    private void random(Directive d) {
        boolean two = !d.args().isEmpty();
        method(d, new BalancingMethod.Random(two));
        if (two && !d.arg(0).equals("two")) {
            throw invalidParameter(d, d.arg(0));
        }
        if (d.args().size() == 2 && !d.arg(1).equals("least_conn")) {
            throw invalidParameter(d, d.arg(1));
        }
    }

    /** ngx_http_upstream_keepalive (≥ 1.29.7): 0 is allowed and turns the cache off. */
    private void keepalive(Directive d) {
        if (keepaliveConnections != null) {
            throw d.error("is duplicate");
        }
        OptionalLong n = atoi(d.arg(0));
        if (n.isEmpty() || n.getAsLong() > Integer.MAX_VALUE) {
            throw d.errorText("invalid value \"" + d.arg(0) + "\" in \"keepalive\" directive");
        }
        keepaliveConnections = (int) n.getAsLong();
        if (d.args().size() == 2) {
            if (!d.arg(1).equals("local")) {
                throw invalidParameter(d, d.arg(1));
            }
            keepaliveLocal = true;
        }
    }

    /** ngx_conf_set_num_slot. */
    private void keepaliveRequests(Directive d) {
        if (keepaliveRequests != null) {
            throw d.error("is duplicate");
        }
        OptionalLong n = atoi(d.arg(0));
        if (n.isEmpty()) {
            throw d.error("invalid number");
        }
        keepaliveRequests = n.getAsLong();
    }

    /** ngx_conf_set_msec_slot. */
    private static Duration millis(Directive d, Duration already) {
        if (already != null) {
            throw d.error("is duplicate");
        }
        OptionalLong ms = Times.parseMillis(d.arg(0));
        if (ms.isEmpty()) {
            throw d.error("invalid value");
        }
        return Duration.ofMillis(ms.getAsLong());
    }

    /** ngx_http_upstream_zone, then ngx_shared_memory_add's size agreement between users of a name. */
    private void zone(Directive d) {
        String name = d.arg(0);
        if (name.isEmpty()) {
            throw d.errorText("invalid zone name \"" + name + "\"");
        }
        long size = 0;
        if (d.args().size() == 2) {
            OptionalLong parsed = Sizes.parseSize(d.arg(1));
            if (parsed.isEmpty()) {
                throw d.errorText("invalid zone size \"" + d.arg(1) + "\"");
            }
            size = parsed.getAsLong();
            if (size < MIN_ZONE_SIZE) {
                throw d.errorText("zone \"" + name + "\" is too small");
            }
        }
        Long declared = zoneSizes.get(name);
        if (declared == null || declared == 0) {
            zoneSizes.put(name, size);
        } else if (size != 0 && size != declared) {
            throw d.errorText("the size " + size + " of shared memory zone \"" + name
                    + "\" conflicts with already declared size " + declared);
        }
        zone = new UpstreamZone(name, size);
    }

    private KeepaliveConfig keepalive() {
        // ngx_http_upstream_keepalive_init: an unset count means 32 with "local".
        boolean unset = keepaliveConnections == null;
        return new KeepaliveConfig(
                unset ? KeepaliveConfig.DEFAULT_CONNECTIONS : keepaliveConnections,
                unset || keepaliveLocal,
                keepaliveTimeout == null ? KeepaliveConfig.DEFAULT_TIMEOUT : keepaliveTimeout,
                keepaliveRequests == null ? KeepaliveConfig.DEFAULT_REQUESTS : keepaliveRequests,
                keepaliveTime == null ? KeepaliveConfig.DEFAULT_TIME : keepaliveTime);
    }

    /** nginx's ngx_atoi: decimal digits only, at least one, no sign, no overflow. */
    static OptionalLong atoi(String text) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return OptionalLong.empty();
            }
            value = value * 10 + (c - '0');
        }
        return OptionalLong.of(value);
    }

    private static ConfigException invalidParameter(Directive d, String param) {
        return d.errorText("invalid parameter \"" + param + "\"");
    }

    /** Reads one {@code server} line; {@code backupAllowed} is the current method's rule. */
    @FunctionalInterface
    interface ServerReader {
        UpstreamServer read(Directive server, boolean backupAllowed);
    }
}
