package dev.ferry.server.http;

import dev.ferry.server.config.HeaderEntry;
import dev.ferry.server.config.ResponseSettings;
import dev.ferry.server.vars.RequestContext;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Date;
import java.util.Set;

/**
 * Every response head Ferry sends, its own or proxied: nginx's order and spelling
 * ({@code Server}, {@code Date}, then the rest), {@code add_header}, and {@code Connection}.
 * Header names are case-insensitive, but clients and tools compare the bytes nginx sends.
 */
final class ResponseHeads {

    /** The statuses add_header applies to without {@code always} (ngx_http_headers_filter). */
    private static final Set<Integer> ADD_HEADER_STATUSES = Set.of(200, 201, 204, 206, 301, 302, 303, 304, 307, 308);

    private ResponseHeads() {
    }

    /** The size of the head on the wire, for {@code $bytes_sent}. */
    private static long headBytes(HttpResponse head) {
        long n = 17 + head.status().reasonPhrase().length() + 2; // "HTTP/1.1 200 " + reason + CRLF
        for (var header : head.headers()) {
            n += header.getKey().length() + 2 + header.getValue().length() + 2;
        }
        return n;
    }

    /**
     * @param r         the request; its status override (error_page) replaces {@code status}
     * @param status    the status to send
     * @param rest      headers after Server and Date (content type and length, upstream headers)
     * @param response  the location's response settings (add_header, server_tokens)
     * @param keepAlive whether the connection stays open after this response
     */
    static HttpResponse build(RequestContext r, int status, HttpHeaders rest, ResponseSettings response, boolean keepAlive) {
        int sent = r.statusOverride() > 0 ? r.statusOverride() : status;
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.add("Server", ServerIdentity.token(response.serverTokens()));
        headers.add("Date", DateFormatter.format(new Date()));
        headers.add(rest);
        boolean normal = ADD_HEADER_STATUSES.contains(sent);
        for (HeaderEntry entry : response.addHeaders()) {
            if (normal || entry.always()) {
                String value = entry.value().evaluate(r);
                if (!value.isEmpty()) {
                    headers.add(entry.name(), value);
                }
            }
        }
        HttpVersion requestVersion = r.request().protocolVersion();
        if (!keepAlive) {
            headers.set("Connection", "close");
        } else if (requestVersion.equals(HttpVersion.HTTP_1_0)) {
            headers.set("Connection", "keep-alive");
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(sent, ErrorPages.reason(sent)), headers);
        r.responded(sent, headers);
        r.addBytesSent(headBytes(head));
        return head;
    }
}
