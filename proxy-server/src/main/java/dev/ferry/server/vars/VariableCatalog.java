package dev.ferry.server.vars;

import dev.ferry.server.cli.Version;
import java.util.HashMap;
import java.util.Map;

/**
 * Every variable a config may name: nginx's built-ins ({@code ngx_http_variables.c} and the
 * proxy, upstream and log modules), the prefixed families ({@code $http_*}, {@code $arg_*},
 * {@code $cookie_*}, {@code $sent_http_*}, {@code $upstream_http_*}), regex captures
 * ({@code $1}..{@code $9}), and the variables the config's {@code map} blocks define.
 */
public final class VariableCatalog {

    private final Map<String, Variable> named;
    /** Lookups by name at request time (the access log asks by name), resolved once. */
    private final Map<String, Variable> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private VariableCatalog(Map<String, Variable> named) {
        this.named = Map.copyOf(named);
    }

    /** {@link #find} remembered: for callers that look variables up by name per request. */
    public Variable lookup(String name) {
        Variable v = resolved.get(name);
        if (v == null) {
            v = find(name);
            if (v != null) {
                resolved.put(name, v);
            }
        }
        return v;
    }

    /** A catalog that knows nothing: the placeholder until a request has its configuration. */
    public static final VariableCatalog EMPTY = new VariableCatalog(Map.of());

    public static VariableCatalog builtIn() {
        Map<String, Variable> v = new HashMap<>();
        v.put("host", r -> r.host().isEmpty() ? r.server() == null ? "" : r.server().primaryName() : r.host());
        v.put("remote_addr", r -> r.remote().getAddress().getHostAddress());
        v.put("binary_remote_addr", r -> new String(r.remote().getAddress().getAddress(), java.nio.charset.StandardCharsets.ISO_8859_1));
        v.put("remote_port", r -> Integer.toString(r.remote().getPort()));
        v.put("server_addr", r -> r.local().getAddress().getHostAddress());
        v.put("server_port", r -> Integer.toString(r.local().getPort()));
        v.put("server_name", r -> r.server() == null ? "" : r.server().primaryName());
        v.put("server_protocol", r -> r.request().protocolVersion().text());
        v.put("scheme", r -> "http");
        v.put("https", r -> "");
        v.put("request", RequestVariables::requestLine);
        v.put("request_method", r -> r.request().method().name());
        v.put("request_uri", r -> r.request().uri());
        v.put("uri", RequestContext::uri);
        v.put("document_uri", RequestContext::uri);
        v.put("args", r -> r.args() == null ? "" : r.args());
        v.put("query_string", r -> r.args() == null ? "" : r.args());
        v.put("is_args", r -> r.args() == null ? "" : "?");
        v.put("content_length", r -> r.request().headers().get("Content-Length"));
        v.put("content_type", r -> r.request().headers().get("Content-Type"));
        v.put("remote_user", RequestVariables::remoteUser);
        v.put("proxy_host", RequestContext::proxyHost);
        v.put("proxy_port", RequestVariables::proxyPort);
        v.put("proxy_add_x_forwarded_for", RequestVariables::proxyAddXForwardedFor);
        v.put("connection", r -> Long.toString(r.connection()));
        v.put("connection_requests", r -> Long.toString(r.connectionRequests()));
        v.put("request_id", RequestContext::requestId);
        v.put("status", r -> String.format("%03d", r.status()));
        v.put("body_bytes_sent", r -> Long.toString(r.bodyBytesSent()));
        v.put("bytes_sent", r -> Long.toString(r.bytesSent()));
        v.put("request_time", r -> Times.seconds(LoopClock.nanoTime() - r.startNanos()));
        v.put("msec", r -> Times.msec(LoopClock.currentTimeMillis()));
        v.put("time_local", r -> Times.local(LoopClock.currentTimeMillis()));
        v.put("time_iso8601", r -> Times.iso8601(LoopClock.currentTimeMillis()));
        v.put("pid", r -> Long.toString(ProcessHandle.current().pid()));
        v.put("hostname", r -> RequestVariables.HOSTNAME);
        v.put("nginx_version", r -> Version.NGINX_COMPATIBLE);
        UpstreamVariables.register(v);
        return new VariableCatalog(v);
    }

    /** This catalog plus one more variable (a {@code map} target). */
    public VariableCatalog with(String name, Variable variable) {
        Map<String, Variable> more = new HashMap<>(named);
        more.put(name, variable);
        return new VariableCatalog(more);
    }

    /** The variable called {@code name}, or {@code null}: the config error {@code unknown "name" variable}. */
    public Variable find(String name) {
        Variable v = named.get(name);
        if (v != null) {
            return v;
        }
        if (name.length() == 1 && Character.isDigit(name.charAt(0))) {
            int group = name.charAt(0) - '0';
            return r -> r.captures() == null || group > r.captures().groupCount() ? null : r.captures().group(group);
        }
        if (name.startsWith("http_")) {
            String header = RequestVariables.headerName(name.substring(5));
            return r -> RequestVariables.joined(r.request().headers(), header);
        }
        if (name.startsWith("sent_http_")) {
            String header = RequestVariables.headerName(name.substring(10));
            return r -> r.responseHeaders() == null ? null : RequestVariables.joined(r.responseHeaders(), header);
        }
        if (name.startsWith("upstream_http_")) {
            String header = RequestVariables.headerName(name.substring(14));
            return r -> r.upstreamHeaders() == null ? null : RequestVariables.joined(r.upstreamHeaders(), header);
        }
        if (name.startsWith("arg_")) {
            String arg = name.substring(4);
            return r -> RequestVariables.arg(r.args(), arg);
        }
        if (name.startsWith("cookie_")) {
            String cookie = name.substring(7);
            return r -> RequestVariables.cookie(r.request().headers(), cookie);
        }
        return null;
    }
}
