package dev.ferry.server.vars;

import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.config.ProxyPass;
import dev.ferry.server.config.VirtualServer;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.MatchResult;

/**
 * What one request has told and done so far, from which every variable is computed: nginx's
 * {@code ngx_http_request_t} as far as variables read it. It belongs to the request's event
 * loop; nothing here is shared.
 */
public final class RequestContext {

    private final HttpRequest request;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final long connection;
    private final long connectionRequests;
    private final long startNanos = LoopClock.nanoTime();
    private final long startMillis = LoopClock.currentTimeMillis();

    private String uri;
    private String args;
    private String host = "";
    private VirtualServer server;
    private LocationConfig location;
    private MatchResult captures;
    private ProxyPass proxyPass;
    private String proxyHost;
    private String requestId;
    private int status;
    private int statusOverride;
    private boolean internal;
    private HttpHeaders responseHeaders;
    private HttpHeaders upstreamHeaders;
    private long bodyBytesSent;
    private long bytesSent;
    private long requestLength;
    private VariableCatalog catalog = VariableCatalog.EMPTY;
    private boolean pipelined;
    private final List<UpstreamAttempt> upstreamAttempts = new ArrayList<>(2);

    public RequestContext(HttpRequest request, InetSocketAddress remote, InetSocketAddress local,
            long connection, long connectionRequests) {
        this.request = request;
        this.remote = remote;
        this.local = local;
        this.connection = connection;
        this.connectionRequests = connectionRequests;
    }

    public HttpRequest request() {
        return request;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public InetSocketAddress local() {
        return local;
    }

    public long connection() {
        return connection;
    }

    public long connectionRequests() {
        return connectionRequests;
    }

    public long startNanos() {
        return startNanos;
    }

    public long startMillis() {
        return startMillis;
    }

    /** {@code $uri}: the normalised path. */
    public String uri() {
        return uri;
    }

    /** {@code $args}, or {@code null} when the request had no {@code ?}. */
    public String args() {
        return args;
    }

    /** The validated Host (lowercase, no port), "" when none. */
    public String host() {
        return host;
    }

    public void routed(String uri, String args, String host) {
        this.uri = uri;
        this.args = args;
        this.host = host;
    }

    public VirtualServer server() {
        return server;
    }

    public void server(VirtualServer server) {
        this.server = server;
    }

    public LocationConfig location() {
        return location;
    }

    /** The matched location and, for a regex location, its captures ($1..$9). */
    public void location(LocationConfig location, MatchResult captures) {
        this.location = location;
        this.captures = captures;
    }

    public MatchResult captures() {
        return captures;
    }

    public ProxyPass proxyPass() {
        return proxyPass;
    }

    /** @param proxyHost {@code $proxy_host} for this request (a URL with variables gives it per request) */
    public void proxyPass(ProxyPass proxyPass, String proxyHost) {
        this.proxyPass = proxyPass;
        this.proxyHost = proxyHost;
    }

    /** {@code $proxy_host}, or {@code null} before proxying. */
    public String proxyHost() {
        return proxyHost;
    }

    /** {@code $request_id}: 16 random bytes in hex, made on first use as nginx does. */
    public String requestId() {
        if (requestId == null) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            requestId = String.format("%016x%016x", random.nextLong(), random.nextLong());
        }
        return requestId;
    }

    public int status() {
        return status;
    }

    /** The status an error_page redirect answers with instead of its page's own; 0 for none. */
    public int statusOverride() {
        return statusOverride;
    }

    /** True once error_page moved the request internally: its URI is Ferry's, not the client's. */
    public boolean internal() {
        return internal;
    }

    /** An error_page redirect: the request continues at a new URI, answering with {@code statusOverride}. */
    public void redirected(String uri, String args, int statusOverride) {
        this.uri = uri;
        this.args = args;
        this.statusOverride = statusOverride;
        this.internal = true;
    }

    /** The response status and headers as they went to the client. */
    public void responded(int status, HttpHeaders headers) {
        this.status = status;
        this.responseHeaders = headers;
    }

    /** Overrides the logged status, e.g. 499 when the client left first. */
    public void status(int status) {
        this.status = status;
    }

    public HttpHeaders responseHeaders() {
        return responseHeaders;
    }

    /** The last upstream response's headers as received, for {@code $upstream_http_*}. */
    public HttpHeaders upstreamHeaders() {
        return upstreamHeaders;
    }

    public void upstreamHeaders(HttpHeaders headers) {
        this.upstreamHeaders = headers;
    }

    /** Body bytes count toward both {@code $body_bytes_sent} and {@code $bytes_sent}. */
    public void addBodyBytesSent(long n) {
        bodyBytesSent += n;
        bytesSent += n;
    }

    /** Head bytes (the body counts through {@link #addBodyBytesSent}). */
    public void addBytesSent(long n) {
        bytesSent += n;
    }

    /** The variables of the configuration this request runs on. */
    public VariableCatalog catalog() {
        return catalog;
    }

    public void catalog(VariableCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code $request_length}: request line, headers and body as read. */
    public long requestLength() {
        return requestLength;
    }

    public void addRequestLength(long n) {
        requestLength += n;
    }

    /** {@code $pipe}: the request was read behind another one still being answered. */
    public boolean pipelined() {
        return pipelined;
    }

    public void pipelined(boolean pipelined) {
        this.pipelined = pipelined;
    }

    public long bodyBytesSent() {
        return bodyBytesSent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public List<UpstreamAttempt> upstreamAttempts() {
        return upstreamAttempts;
    }
}
