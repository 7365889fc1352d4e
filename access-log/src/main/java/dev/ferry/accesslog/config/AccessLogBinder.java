package dev.ferry.accesslog.config;

import dev.ferry.accesslog.AccessLog;
import dev.ferry.accesslog.AccessLogs;
import dev.ferry.accesslog.LogFile;
import dev.ferry.accesslog.LogFormat;
import dev.ferry.accesslog.OpenFileCache;
import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Directive;
import dev.ferry.conf.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Binds the access-log directives of one configuration load into {@link AccessLogs} values,
 * level by level, with nginx's all-or-nothing inheritance ({@code ngx_http_log_merge_loc_conf}):
 * a level with any {@code access_log} line uses only its own lines; {@code access_log off}
 * turns logging off there; a level with none inherits its parent's; and where no level has
 * any, the default {@code logs/access.log combined} under the prefix is used.
 * {@code open_log_file_cache} is inherited on its own.
 *
 * <p>Call {@link #forHttp} first with the whole http block: it reads every format and every
 * log line of the block in reading order (so it knows each file's buffer and can refuse
 * unknown variables), then {@link #forServer} and {@link #forLocation} for each nested level
 * ({@code if} and {@code limit_except} blocks are locations too), then {@link #files()}.
 */
public final class AccessLogBinder {

    /** The blocks that can hold access_log lines, below http. */
    private static final Set<String> LEVELS = Set.of("server", "location", "if", "limit_except");
    private static final String DEFAULT_PATH = "logs/access.log";

    private final Path prefix;
    private final Predicate<String> proxyVariables;
    private final Map<Directive, ParsedLog> parsedLogs = new IdentityHashMap<>();
    private final Map<Directive, OpenFileCache> parsedCaches = new IdentityHashMap<>();
    private final Map<Path, LogFile> files = new LinkedHashMap<>();
    private final Set<LogFile> used = new LinkedHashSet<>();
    private LogDirectives directives;
    private AccessLog defaultLog;

    /**
     * @param prefix         nginx's {@code -p} prefix, against which relative log paths are resolved
     * @param proxyVariables the variables the proxy can supply (lowercase names without
     *                       {@code $}, e.g. {@code "http_user_agent"}); consulted after the
     *                       whole http block is read, so variables defined anywhere in it count
     */
    public AccessLogBinder(Path prefix, Predicate<String> proxyVariables) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.proxyVariables = Objects.requireNonNull(proxyVariables, "proxyVariables");
    }

    /**
     * Reads the whole http block and returns the http level's logs.
     *
     * @throws ConfigException in nginx's words, e.g. {@code unknown "foo" variable in FILE:LINE}
     */
    public AccessLogs forHttp(List<Directive> http) {
        directives = new LogDirectives(prefix);
        List<VariableUse> uses = new ArrayList<>();
        read(http, uses);
        // ngx_http_variables_init_vars: every variable named anywhere must exist, checked last.
        for (VariableUse use : uses) {
            for (String name : use.names()) {
                if (!proxyVariables.test(name)) {
                    throw new ConfigException("unknown \"" + name + "\" variable", use.position());
                }
            }
        }
        return level(null, http);
    }

    /** The logs of a {@code server} block under the http level's {@code http}. */
    public AccessLogs forServer(AccessLogs http, List<Directive> server) {
        return level(Objects.requireNonNull(http, "http"), server);
    }

    /** The logs of a {@code location}, {@code if} or {@code limit_except} block under {@code parent}. */
    public AccessLogs forLocation(AccessLogs parent, List<Directive> location) {
        return level(Objects.requireNonNull(parent, "parent"), location);
    }

    /** Every format by name, the predefined {@code combined} first. */
    public Map<String, LogFormat> formats() {
        requireHttp();
        Map<String, LogFormat> byName = new LinkedHashMap<>();
        for (LogFormat format : directives.formats()) {
            byName.put(format.name(), format);
        }
        return byName;
    }

    /**
     * Every file with a fixed name that the levels bound so far log to, the default log
     * included when some level uses it: what {@code AccessLogWriter.open} must open at load.
     */
    public Set<LogFile> files() {
        return Set.copyOf(used);
    }

    /** Pre-order over the block tree is reading order, which the format and buffer checks need. */
    private void read(List<Directive> block, List<VariableUse> uses) {
        boolean cacheSeen = false;
        for (Directive d : block) {
            switch (d.name()) {
                case "log_format" -> {
                    LogFormat format = directives.logFormat(d);
                    uses.add(new VariableUse(format.askedVariables(), d.position()));
                }
                case "access_log" -> {
                    ParsedLog log = directives.accessLog(d);
                    parsedLogs.put(d, log);
                    if (log.template() != null) {
                        uses.add(new VariableUse(log.template().askedVariables(), d.position()));
                    }
                    if (log.condition() != null) {
                        uses.add(new VariableUse(log.condition().askedVariables(), d.position()));
                    }
                }
                case "open_log_file_cache" -> {
                    // ngx_http_log_open_file_cache: once per level.
                    if (cacheSeen) {
                        throw d.error("is duplicate");
                    }
                    cacheSeen = true;
                    parsedCaches.put(d, directives.openFileCache(d));
                }
                default -> {
                    if (d.isBlock() && LEVELS.contains(d.name())) {
                        read(d.block(), uses);
                    }
                }
            }
        }
    }

    private AccessLogs level(AccessLogs parent, List<Directive> block) {
        requireHttp();
        List<AccessLog> own = new ArrayList<>();
        boolean anyLog = false;
        boolean off = false;
        boolean cacheSet = false;
        OpenFileCache cache = null;
        for (Directive d : block) {
            if (d.name().equals("access_log")) {
                anyLog = true;
                ParsedLog log = parsedLogs.computeIfAbsent(d, directives::accessLog);
                if (log.off()) {
                    // ngx_http_log_handler returns at once when off is set, whatever else the level says.
                    off = true;
                } else {
                    own.add(bind(log));
                }
            } else if (d.name().equals("open_log_file_cache")) {
                cacheSet = true;
                cache = parsedCaches.containsKey(d) ? parsedCaches.get(d) : directives.openFileCache(d);
            }
        }
        if (!cacheSet && parent != null) {
            cache = parent.openFileCache();
        }
        if (parent != null && !anyLog && !cacheSet) {
            return parent;
        }
        List<AccessLog> logs;
        if (anyLog) {
            logs = off ? List.of() : own;
        } else if (parent != null) {
            logs = parent.logs();
        } else {
            logs = List.of(defaultLog());
        }
        return new AccessLogs(logs, cache);
    }

    private AccessLog bind(ParsedLog log) {
        if (log.file() == null) {
            return new AccessLog(null, log.template(), log.format(), log.condition(), log.position());
        }
        return new AccessLog(file(log.file()), null, log.format(), log.condition(), log.position());
    }

    /** One LogFile per name, carrying the buffer any line of the configuration gave that name. */
    private LogFile file(Path path) {
        LogFile file = files.computeIfAbsent(path, p -> new LogFile(p, directives.bufferOf(p)));
        used.add(file);
        return file;
    }

    private AccessLog defaultLog() {
        if (defaultLog == null) {
            defaultLog = new AccessLog(file(directives.fullName(DEFAULT_PATH)), null, LogFormat.combined(), null, null);
        }
        used.add(defaultLog.file());
        return defaultLog;
    }

    private void requireHttp() {
        if (directives == null) {
            throw new IllegalStateException("forHttp must be called first");
        }
    }

    private record VariableUse(List<String> names, SourcePosition position) {
    }
}
