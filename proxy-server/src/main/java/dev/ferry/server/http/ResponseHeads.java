package dev.ferry.server.http;

import dev.ferry.server.config.HeaderEntry;
import dev.ferry.server.config.ResponseSettings;
import dev.ferry.server.vars.RequestContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * Every response head Ferry sends, its own or proxied: nginx's order and spelling
 * ({@code Server}, {@code Date}, then the rest), {@code add_header}, and {@code Connection}.
 * Header names are case-insensitive, but clients and tools compare the bytes nginx sends.
 * A head is made in two steps so its headers are collected once: {@link #begin} gives the
 * headers with Server and Date, the caller adds the rest, {@link #build} ends it.
 */
final class ResponseHeads {

    static final AsciiString SERVER = AsciiString.cached("Server");
    static final AsciiString DATE = AsciiString.cached("Date");
    static final AsciiString CONNECTION = AsciiString.cached("Connection");
    static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
    private static final AsciiString CLOSE = AsciiString.cached("close");
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString UPGRADE = AsciiString.cached("upgrade");
    private static final AsciiString TOKEN = AsciiString.cached(ServerIdentity.token(true));
    private static final AsciiString NO_TOKEN = AsciiString.cached(ServerIdentity.token(false));

    /** nginx's status lines (its reason phrases), made once rather than per response. */
    private static final HttpResponseStatus[] STATUSES = new HttpResponseStatus[1000];

    static {
        for (int code = 0; code < STATUSES.length; code++) {
            STATUSES[code] = new HttpResponseStatus(code, ErrorPages.reason(code));
        }
    }

    private ResponseHeads() {
    }

    /** A new head's headers: {@code Server} and {@code Date}, in nginx's order. */
    static HttpHeaders begin(ResponseSettings response) {
        HttpHeaders headers = new HeaderList();
        headers.add(SERVER, response.serverTokens() ? TOKEN : NO_TOKEN);
        headers.add(DATE, HttpDate.now());
        return headers;
    }

    /** The statuses add_header applies to without {@code always} (ngx_http_headers_filter). */
    private static boolean addHeaderApplies(int status) {
        return switch (status) {
            case 200, 201, 204, 206, 301, 302, 303, 304, 307, 308 -> true;
            default -> false;
        };
    }

    /** The size of the head on the wire, for {@code $bytes_sent}. */
    private static long headBytes(HttpResponse head) {
        long n = 17 + head.status().reasonPhrase().length() + 2; // "HTTP/1.1 200 " + reason + CRLF
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = head.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            n += header.getKey().length() + 2 + header.getValue().length() + 2;
        }
        return n;
    }

    /**
     * @param r         the request; its status override (error_page) replaces {@code status}
     * @param status    the status to send
     * @param headers   from {@link #begin}, with the content type and length or the upstream's headers added
     * @param response  the location's response settings (add_header, server_tokens)
     * @param keepAlive whether the connection stays open after this response
     */
    static HttpResponse build(RequestContext r, int status, HttpHeaders headers, ResponseSettings response, boolean keepAlive) {
        int sent = r.statusOverride() > 0 ? r.statusOverride() : status;
        boolean normal = addHeaderApplies(sent);
        for (int i = 0; i < response.addHeaders().size(); i++) { // indexed: no iterator per loop on the hot path
            HeaderEntry entry = response.addHeaders().get(i);
            if (normal || entry.always()) {
                String value = entry.value().evaluate(r);
                if (!value.isEmpty()) {
                    headers.add(entry.name(), value);
                }
            }
        }
        // nginx says which way it goes on every response (ngx_http_header_filter), HTTP/1.1 too.
        headers.set(CONNECTION, sent == 101 ? UPGRADE : keepAlive ? KEEP_ALIVE : CLOSE);
        HttpResponseStatus line = sent >= 0 && sent < STATUSES.length ? STATUSES[sent]
                : new HttpResponseStatus(sent, ErrorPages.reason(sent));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, line, headers);
        r.responded(sent, headers);
        r.addBytesSent(headBytes(head));
        return head;
    }
}
