package dev.ferry.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The built-in pages nginx sends for its own 3xx, 4xx and 5xx responses
 * ({@code ngx_http_special_response_handler}), with Ferry's name in the footer.
 */
final class ErrorPages {

    private ErrorPages() {
    }

    /** True when nginx has a built-in page for the status (it has none for 1xx, 2xx, 304). */
    static boolean has(int status) {
        return status >= 301 && status != 304 && status <= 599;
    }

    /** @param tokens {@code server_tokens}: whether the footer shows the version */
    static String page(int status, boolean tokens) {
        if (status == 494) {
            // ngx_http_error_494_page: a 400 that says why.
            return "<html>\r\n<head><title>400 Request Header Or Cookie Too Large</title></head>\r\n<body>\r\n"
                    + "<center><h1>400 Bad Request</h1></center>\r\n<center>Request Header Or Cookie Too Large</center>\r\n"
                    + "<hr><center>" + ServerIdentity.token(tokens) + "</center>\r\n</body>\r\n</html>\r\n";
        }
        String title = status + " " + reason(status);
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>" + ServerIdentity.token(tokens) + "</center>\r\n</body>\r\n</html>\r\n";
    }

    /** nginx's reason phrases (ngx_http_status_lines), where they differ from Netty's. */
    static String reason(int status) {
        return switch (status) {
            case 302 -> "Moved Temporarily";
            case 408 -> "Request Time-out";
            case 405 -> "Not Allowed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Large";
            case 494 -> "Request Header Or Cookie Too Large";
            case 499 -> "Client Closed Request";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> status >= 100 && status <= 599 ? HttpResponseStatus.valueOf(status).reasonPhrase() : "";
        };
    }
}
