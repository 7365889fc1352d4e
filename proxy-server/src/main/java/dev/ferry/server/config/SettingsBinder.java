package dev.ferry.server.config;

import dev.ferry.accesslog.AccessLogs;
import dev.ferry.accesslog.config.AccessLogBinder;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.Directive;
import dev.ferry.conf.value.Slots;
import dev.ferry.server.vars.Template;
import dev.ferry.server.vars.VariableCatalog;
import dev.ferry.upstream.next.NextUpstreamBinder;
import dev.ferry.upstream.next.NextUpstreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Computes the effective settings of a server or location from the levels around it, with
 * nginx's defaults (64-bit page sizes: 4k proxy buffers, 16k client body buffer) and its
 * inheritance rules (see {@link Levels}).
 */
final class SettingsBinder {

    /** Upstream headers nginx never passes unless {@code proxy_pass_header} names them (§5.3). */
    static final Set<String> HIDDEN_BY_DEFAULT = Set.of("date", "server", "x-pad", "x-accel-expires",
            "x-accel-redirect", "x-accel-limit-rate", "x-accel-buffering", "x-accel-charset");

    private static final Duration SIXTY = Duration.ofSeconds(60);

    private final VariableCatalog variables;
    private final NextUpstreamBinder nextUpstream;
    private final AccessLogBinder logs;
    private final AccessLogs httpLogs;

    /** @param warnings where binding warnings go; each level is bound once per location, so they may repeat */
    SettingsBinder(VariableCatalog variables, Consumer<ConfigWarning> warnings, AccessLogBinder logs, AccessLogs httpLogs) {
        this.variables = variables;
        this.nextUpstream = new NextUpstreamBinder(warnings);
        this.logs = logs;
        this.httpLogs = httpLogs;
    }

    /** access_log's all-or-nothing inheritance, level by level below http. */
    private AccessLogs accessLogs(Levels levels) {
        List<List<Directive>> blocks = levels.blocks();
        AccessLogs current = httpLogs;
        for (int i = 1; i < blocks.size(); i++) {
            current = i == 1 ? logs.forServer(current, blocks.get(i)) : logs.forLocation(current, blocks.get(i));
        }
        return current;
    }

    ServerSettings server(Levels levels) {
        Directive large = levels.single("large_client_header_buffers");
        int largeNumber = 4;
        long largeSize = 8192;
        if (large != null) {
            largeNumber = (int) ListenParser.parseInt(large.arg(0));
            largeSize = Slots.size(large, 1);
        }
        return new ServerSettings(
                msec(levels, "client_header_timeout", SIXTY),
                size(levels, "client_header_buffer_size", 1024),
                largeNumber, largeSize,
                flag(levels, "ignore_invalid_headers", true),
                flag(levels, "underscores_in_headers", false),
                flag(levels, "merge_slashes", true));
    }

    /** @param proxyPass the location's proxy_pass (for {@code proxy_redirect default}), or null */
    LocationSettings location(Levels levels, LocationConfig location, ProxyPass proxyPass) {
        return new LocationSettings(proxy(levels, location, proxyPass), client(levels), response(levels),
                accessLogs(levels));
    }

    private ProxySettings proxy(Levels levels, LocationConfig location, ProxyPass proxyPass) {
        Directive version = levels.single("proxy_http_version");
        List<HeaderEntry> setHeaders = new ArrayList<>();
        for (Directive d : levels.nearest("proxy_set_header")) {
            setHeaders.add(new HeaderEntry(d.arg(0), template(d, 1), false));
        }
        Directive method = levels.single("proxy_method");
        Set<String> hide = new HashSet<>(HIDDEN_BY_DEFAULT);
        for (Directive d : levels.nearest("proxy_hide_header")) {
            hide.add(d.arg(0).toLowerCase(Locale.ROOT));
        }
        for (Directive d : levels.nearest("proxy_pass_header")) {
            hide.remove(d.arg(0).toLowerCase(Locale.ROOT));
        }
        Directive buffers = levels.single("proxy_buffers");
        long buffersTotal = buffers == null ? 8 * 4096 : ListenParser.parseInt(buffers.arg(0)) * Slots.size(buffers, 1);
        return new ProxySettings(
                version == null ? "1.1" : version.arg(0),
                setHeaders,
                flag(levels, "proxy_pass_request_headers", true),
                flag(levels, "proxy_pass_request_body", true),
                method == null ? null : template(method, 0),
                HeaderNameSet.of(hide),
                redirect(levels, location, proxyPass),
                flag(levels, "proxy_intercept_errors", false),
                msec(levels, "proxy_connect_timeout", SIXTY),
                msec(levels, "proxy_send_timeout", SIXTY),
                msec(levels, "proxy_read_timeout", SIXTY),
                flag(levels, "proxy_buffering", true),
                flag(levels, "proxy_request_buffering", true),
                size(levels, "proxy_buffer_size", 4096),
                buffersTotal,
                nextUpstream(levels));
    }

    /** {@code proxy_redirect}: default unless set; {@code default} is the proxy_pass URL → the location. */
    private ProxyRedirect redirect(Levels levels, LocationConfig location, ProxyPass proxyPass) {
        List<Directive> set = levels.nearest("proxy_redirect");
        List<ProxyRedirect.Rule> rules = new ArrayList<>();
        if (set.isEmpty()) {
            addDefault(rules, location, proxyPass);
        }
        for (Directive d : set) {
            if (d.args().size() == 1 && d.arg(0).equals("off")) {
                continue;
            }
            if (d.args().size() == 1 && d.arg(0).equals("default")) {
                addDefault(rules, location, proxyPass);
                continue;
            }
            if (d.args().size() != 2) {
                throw d.errorText("invalid parameter \"" + d.arg(0) + "\"");
            }
            String from = d.arg(0);
            Pattern regex = null;
            if (from.startsWith("~*")) {
                regex = Pattern.compile(from.substring(2), Pattern.CASE_INSENSITIVE);
            } else if (from.startsWith("~")) {
                regex = Pattern.compile(from.substring(1));
            }
            rules.add(new ProxyRedirect.Rule(from, regex, template(d, 1)));
        }
        return new ProxyRedirect(rules);
    }

    private static void addDefault(List<ProxyRedirect.Rule> rules, LocationConfig location, ProxyPass proxyPass) {
        if (proxyPass == null || location == null) {
            return;
        }
        String base = "http://" + proxyPass.hostAsWritten();
        if (proxyPass.uri() != null) {
            rules.add(new ProxyRedirect.Rule(base + proxyPass.uri(), null, Template.literal(location.name())));
        } else {
            rules.add(new ProxyRedirect.Rule(base + "/", null, Template.literal("/")));
        }
    }

    /** Each level inherits the one above unless it sets its own (NextUpstreamBinder merges per level). */
    private NextUpstreamConfig nextUpstream(Levels levels) {
        NextUpstreamConfig config = NextUpstreamConfig.DEFAULT;
        for (List<Directive> block : levels.blocks()) {
            config = nextUpstream.bind(block, config);
        }
        return config;
    }

    private ClientSettings client(Levels levels) {
        Directive keepalive = levels.single("keepalive_timeout");
        return new ClientSettings(
                offset(levels, "client_max_body_size", 1024 * 1024),
                size(levels, "client_body_buffer_size", 16 * 1024),
                msec(levels, "client_body_timeout", SIXTY),
                msec(levels, "send_timeout", SIXTY),
                keepalive == null ? Duration.ofSeconds(75) : Slots.msec(keepalive),
                number(levels, "keepalive_requests", 1000),
                msec(levels, "keepalive_time", Duration.ofHours(1)));
    }

    private ResponseSettings response(Levels levels) {
        List<ErrorPage> pages = new ArrayList<>();
        for (Directive d : levels.nearest("error_page")) {
            pages.add(ErrorPageParser.parse(d));
        }
        List<HeaderEntry> addHeaders = new ArrayList<>();
        for (Directive d : levels.nearest("add_header")) {
            boolean always = d.args().size() == 3;
            addHeaders.add(new HeaderEntry(d.arg(0), template(d, 1), always));
        }
        Directive tokens = levels.single("server_tokens");
        Directive type = levels.single("default_type");
        return new ResponseSettings(pages, addHeaders, tokens == null || !tokens.arg(0).equals("off"),
                type == null ? "text/plain" : type.arg(0));
    }

    private Template template(Directive d, int index) {
        return Template.compile(d.arg(index), variables, d.position());
    }

    private static boolean flag(Levels levels, String name, boolean fallback) {
        Directive d = levels.single(name);
        return d == null ? fallback : Slots.flag(d);
    }

    private static Duration msec(Levels levels, String name, Duration fallback) {
        Directive d = levels.single(name);
        return d == null ? fallback : Slots.msec(d);
    }

    private static long size(Levels levels, String name, long fallback) {
        Directive d = levels.single(name);
        return d == null ? fallback : Slots.size(d);
    }

    private static long offset(Levels levels, String name, long fallback) {
        Directive d = levels.single(name);
        return d == null ? fallback : Slots.offset(d);
    }

    private static long number(Levels levels, String name, long fallback) {
        Directive d = levels.single(name);
        return d == null ? fallback : Slots.number(d);
    }
}
