package dev.ferry.accesslog.config;

import dev.ferry.accesslog.AccessLog;
import dev.ferry.accesslog.AccessLogs;
import dev.ferry.conf.Directive;
import dev.ferry.conf.registry.DirectiveRegistry;
import dev.ferry.conf.syntax.ConfigParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads a configuration with the access-log module's read-time checks, then binds every level
 * the way the proxy does: http, each server, each location, if and limit_except.
 */
final class Configs {

    static final Path FILE = Path.of("/etc/ferry/nginx.conf");
    static final Path PREFIX = Path.of("/srv/ferry");

    /** Variables the test proxy knows: a few names and the $http_ and $arg_ families. */
    static final Predicate<String> PROXY_VARIABLES = name -> Set.of("remote_addr", "request", "host", "uri",
            "request_id", "loggable").contains(name) || name.startsWith("http_") || name.startsWith("arg_");

    /** Every level bound, by a name such as {@code http}, {@code server 1}, {@code server 1 > location /a}. */
    record Bound(AccessLogBinder binder, Map<String, AccessLogs> levels) {
        AccessLogs level(String name) {
            AccessLogs logs = levels.get(name);
            if (logs == null) {
                throw new IllegalArgumentException("no level " + name + " in " + levels.keySet());
            }
            return logs;
        }

        String describe(String name) {
            return Configs.describe(level(name));
        }
    }

    private Configs() {
    }

    static List<Directive> read(String text) {
        DirectiveRegistry registry = DirectiveRegistry.of(List.of(new AccessLogModule(PREFIX), new HttpBlocksModule()));
        return ConfigParser.parseString(text, FILE, registry.checker());
    }

    static Bound bind(String text) {
        List<Directive> main = read(text);
        AccessLogBinder binder = new AccessLogBinder(PREFIX, PROXY_VARIABLES);
        Map<String, AccessLogs> levels = new LinkedHashMap<>();
        for (Directive http : main) {
            if (!http.name().equals("http")) {
                continue;
            }
            AccessLogs httpLogs = binder.forHttp(http.block());
            levels.put("http", httpLogs);
            int n = 0;
            for (Directive server : http.block()) {
                if (server.name().equals("server")) {
                    String name = "server " + ++n;
                    AccessLogs serverLogs = binder.forServer(httpLogs, server.block());
                    levels.put(name, serverLogs);
                    locations(binder, name, serverLogs, server.block(), levels);
                }
            }
        }
        return new Bound(binder, levels);
    }

    private static void locations(AccessLogBinder binder, String parentName, AccessLogs parent, List<Directive> block,
            Map<String, AccessLogs> levels) {
        for (Directive d : block) {
            if (d.isBlock() && (d.name().equals("location") || d.name().equals("if") || d.name().equals("limit_except"))) {
                String name = parentName + " > " + d.name() + " " + String.join(" ", d.args());
                AccessLogs logs = binder.forLocation(parent, d.block());
                levels.put(name, logs);
                locations(binder, name, logs, d.block(), levels);
            }
        }
    }

    /** {@code off}, or each log as {@code TARGET FORMAT [buffer=N flush=MS gzip=L] [if=COND]} joined by " + ", then the cache. */
    static String describe(AccessLogs logs) {
        String text = logs.off() ? "off" : logs.logs().stream().map(Configs::describe).collect(Collectors.joining(" + "));
        if (logs.openFileCache() != null) {
            text += " | cache max=" + logs.openFileCache().max() + " inactive=" + logs.openFileCache().inactive().toSeconds()
                    + " min_uses=" + logs.openFileCache().minUses() + " valid=" + logs.openFileCache().valid().toSeconds();
        }
        return text;
    }

    private static String describe(AccessLog log) {
        StringBuilder out = new StringBuilder(log.target()).append(' ').append(log.format().name());
        if (log.file() != null && log.file().buffered()) {
            out.append(" buffer=").append(log.file().buffer().size())
                    .append(" flush=").append(log.file().buffer().flushMillis())
                    .append(" gzip=").append(log.file().buffer().gzipLevel());
        }
        if (log.condition() != null) {
            out.append(" if=").append(log.condition().source());
        }
        return out.toString();
    }
}
