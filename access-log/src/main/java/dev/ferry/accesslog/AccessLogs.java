package dev.ferry.accesslog;

import java.util.List;

/**
 * The access logs in force at one level (http, server, location, {@code if} or
 * {@code limit_except}), after nginx's all-or-nothing inheritance
 * ({@code ngx_http_log_merge_loc_conf}). The proxy keeps one on each location and passes it
 * to {@link AccessLogWriter#record} when a request ends there.
 *
 * @param logs          every log a request is written to; empty when logging is off
 * @param openFileCache the {@code open_log_file_cache} for paths with variables, or
 *                      {@code null} when off (inherited on its own, as in nginx)
 */
public record AccessLogs(List<AccessLog> logs, OpenFileCache openFileCache) {

    /** Logging off, no cache. */
    public static final AccessLogs OFF = new AccessLogs(List.of(), null);

    public AccessLogs {
        logs = List.copyOf(logs);
    }

    /** True after {@code access_log off} (or when nothing is logged). */
    public boolean off() {
        return logs.isEmpty();
    }
}
