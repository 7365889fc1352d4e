package dev.ferry.upstream.config;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Times;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Binds an {@code upstream NAME { ... }} block into an {@link UpstreamConfig}, with the
 * checks and messages of nginx's {@code ngx_http_upstream}, {@code ngx_http_upstream_server}
 * and the balancer, keepalive and zone modules. One binder serves one config load.
 */
public final class UpstreamBinder {

    private final HostResolver resolver;
    private final Consumer<ConfigWarning> warnings;
    /** Zone name to size across every block of this load, as nginx's shared memory list. */
    private final Map<String, Long> zoneSizes = new HashMap<>();

    /** A binder whose warnings are dropped (the registry's read-time checks use this). */
    public UpstreamBinder(HostResolver resolver) {
        this(resolver, warning -> { });
    }

    /** @param warnings receives "load balancing method redefined", at the line that redefines it */
    public UpstreamBinder(HostResolver resolver, Consumer<ConfigWarning> warnings) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    public UpstreamConfig bind(Directive upstream) {
        UpstreamBlock block = newBlock();
        for (Directive d : upstream.block()) {
            block.read(d);
        }
        return block.build(upstream);
    }

    /** A reader for the children of one block, fed in line order. */
    UpstreamBlock newBlock() {
        return new UpstreamBlock(this::readServer, zoneSizes, warnings);
    }

    /**
     * nginx refuses to start when no {@code zone} line of a name gave its size
     * ({@code ngx_init_cycle}: "zero size shared memory zone"); call once all groups are bound.
     * The message has no position, as nginx's has none.
     */
    public static void checkZones(Collection<UpstreamConfig> groups) {
        Map<String, Long> sizes = new HashMap<>();
        for (UpstreamConfig group : groups) {
            if (group.zone() != null) {
                sizes.merge(group.zone().name(), group.zone().size(), Math::max);
            }
        }
        sizes.forEach((name, size) -> {
            if (size == 0) {
                throw new ConfigException("zero size shared memory zone \"" + name + "\"", null);
            }
        });
    }

    /** One {@code server} line under round robin's rules (every parameter allowed). */
    public UpstreamServer bindServer(Directive d) {
        return readServer(d, true);
    }

    /**
     * One {@code server} line, as ngx_http_upstream_server reads it: the parameters left to
     * right (so a bad parameter wins over a bad host), each checked against what the current
     * balancing method allows, then the address.
     */
    UpstreamServer readServer(Directive d, boolean backupAllowed) {
        int weight = UpstreamServer.DEFAULT_WEIGHT;
        int maxFails = UpstreamServer.DEFAULT_MAX_FAILS;
        int maxConns = 0;
        Duration failTimeout = UpstreamServer.DEFAULT_FAIL_TIMEOUT;
        boolean backup = false;
        boolean down = false;
        for (String param : d.args().subList(1, d.args().size())) {
            if (param.startsWith("weight=")) {
                weight = positiveOrZero(param, 7, d);
                if (weight == 0) {
                    throw invalid(param, d);
                }
            } else if (param.startsWith("max_conns=")) {
                maxConns = positiveOrZero(param, 10, d);
            } else if (param.startsWith("max_fails=")) {
                maxFails = positiveOrZero(param, 10, d);
            } else if (param.startsWith("fail_timeout=")) {
                OptionalLong seconds = Times.parseSeconds(param.substring(13));
                if (seconds.isEmpty()) {
                    throw invalid(param, d);
                }
                failTimeout = Duration.ofSeconds(seconds.getAsLong());
            } else if (param.equals("backup")) {
                if (!backupAllowed) {
                    throw d.errorText("balancing method does not support parameter \"" + param + "\"");
                }
                backup = true;
            } else if (param.equals("down")) {
                down = true;
            } else {
                throw invalid(param, d);
            }
        }
        String written = d.arg(0);
        List<SocketAddress> addresses;
        try {
            addresses = ServerAddress.parse(written, 80).resolve(resolver);
        } catch (ServerAddress.Invalid e) {
            throw new ConfigException(e.getMessage() + " in upstream \"" + written + "\"", d.position());
        }
        return new UpstreamServer(written, addresses, weight, maxFails, failTimeout, maxConns, backup, down, d.position());
    }

    /** nginx's ngx_atoi: digits only, no sign, no overflow. */
    private static int positiveOrZero(String param, int from, Directive d) {
        String digits = param.substring(from);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(param, d);
        }
        return Integer.parseInt(digits);
    }

    private static ConfigException invalid(String param, Directive d) {
        return new ConfigException("invalid parameter \"" + param + "\"", d.position());
    }
}
