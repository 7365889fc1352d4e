package dev.ferry.server.http;

import dev.ferry.server.config.ServerSettings;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of a parsed request head that depend on the server's settings, once the server is
 * chosen: {@code ignore_invalid_headers} and {@code underscores_in_headers}
 * (ngx_http_process_request_headers) and the TRACE refusal (ngx_http_process_request_header).
 * The byte-level syntax was checked before the codec ({@code strict.RequestScanner}).
 */
final class RequestValidator {

    /**
     * @param status  0 when the request may go on, else the status to refuse it with
     * @param message the error-log text of the refusal
     * @param ignored the header lines dropped as invalid, for the error log ("Name: value")
     */
    record Result(int status, String message, List<String> ignored) {
    }

    private RequestValidator() {
    }

    /**
     * Drops, when {@code ignore_invalid_headers} is on, every header whose name nginx calls
     * invalid: a byte outside {@code [A-Za-z0-9-]}, or an underscore unless
     * {@code underscores_in_headers} is on. With it off they stay and are proxied, as in nginx.
     */
    static Result check(HttpRequest request, ServerSettings settings) {
        List<String> ignored = List.of();
        if (settings.ignoreInvalidHeaders()) {
            HttpHeaders headers = request.headers();
            List<String> drop = null;
            for (Map.Entry<String, String> header : headers) {
                if (!validName(header.getKey(), settings.underscoresInHeaders())) {
                    if (drop == null) {
                        drop = new ArrayList<>();
                    }
                    drop.add(header.getKey());
                }
            }
            if (drop != null) {
                List<String> lines = new ArrayList<>();
                for (String name : drop) {
                    for (String value : headers.getAll(name)) {
                        lines.add(name + ": " + value);
                    }
                    headers.remove(name);
                }
                ignored = List.copyOf(lines);
            }
        }
        if (request.method().equals(HttpMethod.TRACE)) {
            return new Result(405, "client sent TRACE method", ignored);
        }
        return new Result(0, null, ignored);
    }

    /** nginx's header-name hash table: lowercase_index[] letters, digits and '-', plus '_' when allowed. */
    static boolean validName(String name, boolean underscores) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_' && underscores;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
