package dev.ferry.server.http;

/** What every connection shares with the server: the current snapshot, the upstream side, the request log. */
public interface ServerContext {

    /** The configuration snapshot for a request starting now. */
    RuntimeSnapshot snapshot();

    /** Connects to upstream peers and keeps their idle connections. */
    UpstreamConnector upstreams();

    RequestLog requestLog();

    /** True while stopping gracefully: responses say "Connection: close" and nothing new is pooled. */
    boolean draining();
}
