package dev.ferry.upstream.config;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Times;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Binds an {@code upstream NAME { ... }} block into an {@link UpstreamConfig}, with the
 * checks and messages of nginx's {@code ngx_http_upstream} and {@code ngx_http_upstream_server}.
 */
public final class UpstreamBinder {

    private final HostResolver resolver;

    public UpstreamBinder(HostResolver resolver) {
        this.resolver = resolver;
    }

    public UpstreamConfig bind(Directive upstream) {
        List<UpstreamServer> servers = new ArrayList<>();
        for (Directive d : upstream.block()) {
            if (d.name().equals("server")) {
                servers.add(bindServer(d));
            }
        }
        if (servers.isEmpty()) {
            // ngx_http_upstream_init_round_robin words it at init time, naming the block's line.
            throw new ConfigException("no servers are inside upstream", upstream.position());
        }
        return new UpstreamConfig(upstream.arg(0), servers, false, upstream.position());
    }

    /** One {@code server} line; also the registry's read-time check of that line. */
    public UpstreamServer bindServer(Directive d) {
        int weight = UpstreamServer.DEFAULT_WEIGHT;
        int maxFails = UpstreamServer.DEFAULT_MAX_FAILS;
        int maxConns = 0;
        Duration failTimeout = UpstreamServer.DEFAULT_FAIL_TIMEOUT;
        boolean backup = false;
        boolean down = false;
        // nginx reads the parameters before the address, so a bad parameter wins over a bad host.
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
