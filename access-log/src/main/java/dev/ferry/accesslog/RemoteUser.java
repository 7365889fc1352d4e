package dev.ferry.accesslog;

/**
 * {@code $remote_user}: the user name of an {@code Authorization: Basic} header, decoded the
 * way nginx's {@code ngx_http_auth_basic_user} and {@code ngx_decode_base64} do it.
 */
final class RemoteUser {

    private static final String BASIC = "Basic ";
    private static final byte[] BASIS = new byte[256];

    static {
        java.util.Arrays.fill(BASIS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASIS[alphabet.charAt(i)] = (byte) i;
        }
    }

    private RemoteUser() {
    }

    /**
     * The user name's bytes, or {@code null} when the variable is not found: no header, not
     * Basic, bad base64, no {@code :}, or an empty name.
     */
    static byte[] of(CharSequence authorization) {
        if (authorization == null || authorization.length() < BASIC.length()) {
            return null;
        }
        for (int i = 0; i < BASIC.length(); i++) {
            // ngx_strncasecmp: ASCII case only
            if (lowerAscii(authorization.charAt(i)) != lowerAscii(BASIC.charAt(i))) {
                return null;
            }
        }
        int start = BASIC.length();
        while (start < authorization.length() && authorization.charAt(start) == ' ') {
            start++;
        }
        if (start == authorization.length()) {
            return null;
        }
        byte[] decoded = decode(authorization, start);
        if (decoded == null) {
            return null;
        }
        int colon = 0;
        while (colon < decoded.length && decoded[colon] != ':') {
            colon++;
        }
        if (colon == 0 || colon == decoded.length) {
            return null;
        }
        return java.util.Arrays.copyOf(decoded, colon);
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** ngx_decode_base64: stops at the first '=', refuses any other non-alphabet byte and a lone trailing char. */
    private static byte[] decode(CharSequence text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '=') {
            char c = text.charAt(end);
            if (c > 0xFF || BASIS[c] < 0) {
                return null;
            }
            end++;
        }
        int len = end - start;
        if (len % 4 == 1) {
            return null;
        }
        byte[] out = new byte[len / 4 * 3 + Math.max(0, len % 4 - 1)];
        int s = start;
        int d = 0;
        while (end - s > 3) {
            int a = BASIS[text.charAt(s)];
            int b = BASIS[text.charAt(s + 1)];
            int c = BASIS[text.charAt(s + 2)];
            int e = BASIS[text.charAt(s + 3)];
            out[d++] = (byte) (a << 2 | b >> 4);
            out[d++] = (byte) (b << 4 | c >> 2);
            out[d++] = (byte) (c << 6 | e);
            s += 4;
        }
        int rest = end - s;
        if (rest > 1) {
            out[d++] = (byte) (BASIS[text.charAt(s)] << 2 | BASIS[text.charAt(s + 1)] >> 4);
        }
        if (rest > 2) {
            out[d++] = (byte) (BASIS[text.charAt(s + 1)] << 4 | BASIS[text.charAt(s + 2)] >> 2);
        }
        return out;
    }
}
