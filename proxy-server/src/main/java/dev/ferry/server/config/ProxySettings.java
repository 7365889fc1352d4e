package dev.ferry.server.config;

import dev.ferry.server.vars.Template;
import dev.ferry.upstream.next.NextUpstreamConfig;
import java.time.Duration;
import java.util.List;

/**
 * The proxy module's settings of one location after inheritance (SPEC-nginx.md §5).
 *
 * @param httpVersion          {@code proxy_http_version}: "1.1" (default) or "1.0"
 * @param setHeaders           {@code proxy_set_header} entries from the nearest level that has any
 * @param passRequestHeaders   {@code proxy_pass_request_headers}
 * @param passRequestBody      {@code proxy_pass_request_body}
 * @param method               {@code proxy_method}, or {@code null}
 * @param hideHeaders          upstream headers not passed (lowercase): nginx's defaults plus {@code proxy_hide_header}, minus {@code proxy_pass_header}
 * @param redirect             {@code proxy_redirect}
 * @param interceptErrors      {@code proxy_intercept_errors}
 * @param connectTimeout       {@code proxy_connect_timeout}
 * @param sendTimeout          {@code proxy_send_timeout}
 * @param readTimeout          {@code proxy_read_timeout}
 * @param buffering            {@code proxy_buffering}
 * @param requestBuffering     {@code proxy_request_buffering}
 * @param bufferSize           {@code proxy_buffer_size}
 * @param buffersTotal         {@code proxy_buffers} number × size
 * @param nextUpstream         {@code proxy_next_upstream}, {@code _tries}, {@code _timeout}
 */
public record ProxySettings(
        String httpVersion,
        List<HeaderEntry> setHeaders,
        boolean passRequestHeaders,
        boolean passRequestBody,
        Template method,
        HeaderNameSet hideHeaders,
        ProxyRedirect redirect,
        boolean interceptErrors,
        Duration connectTimeout,
        Duration sendTimeout,
        Duration readTimeout,
        boolean buffering,
        boolean requestBuffering,
        long bufferSize,
        long buffersTotal,
        NextUpstreamConfig nextUpstream) {

    public ProxySettings {
        setHeaders = List.copyOf(setHeaders);
    }
}
