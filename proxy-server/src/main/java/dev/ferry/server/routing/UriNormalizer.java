package dev.ferry.server.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a request-target's path into nginx's {@code $uri}: percent-decoded, {@code //} merged
 * ({@code merge_slashes on}), {@code .} and {@code ..} resolved, query removed — as
 * {@code ngx_http_parse_complex_uri} does. Returns {@code null} for a URI nginx answers with
 * 400: one that does not start with {@code /}, a bad escape, a decoded NUL, or a {@code ..}
 * that climbs above the root.
 */
public final class UriNormalizer {

    private UriNormalizer() {
    }

    public static String normalize(String path) {
        return normalize(path, true);
    }

    /** @param mergeSlashes nginx's {@code merge_slashes}: "//" becomes "/" */
    public static String normalize(String path, boolean mergeSlashes) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        if (alreadyNormal(path)) {
            return path;
        }
        byte[] raw = path.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xff;
            if (b == '%') {
                if (i + 2 >= raw.length) {
                    return null;
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                b = hi << 4 | lo;
                if (b == 0) {
                    return null;
                }
                i += 2;
            }
            decoded.write(b);
        }
        String text = decoded.toString(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(text.length());
        String[] segments = text.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() && !mergeSlashes && i < segments.length - 1) {
                out.append('/');
                continue;
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                int cut = out.lastIndexOf("/");
                if (cut < 0) {
                    return null; // climbs above the root
                }
                out.setLength(cut);
                continue;
            }
            out.append('/').append(segment);
        }
        // A trailing slash, "." or ".." keeps the URI a directory, as nginx leaves it.
        if (text.endsWith("/") || text.endsWith("/.") || text.endsWith("/..") || out.isEmpty()) {
            out.append('/');
        }
        return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /**
     * Most paths are plain ASCII with nothing to decode, merge or resolve: no {@code %}, no
     * {@code //}, no segment starting with a dot. Such a path is its own {@code $uri}.
     */
    private static boolean alreadyNormal(String path) {
        int n = path.length();
        for (int i = 0; i < n; i++) {
            char c = path.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
            if (c == '/' && i + 1 < n && (path.charAt(i + 1) == '/' || path.charAt(i + 1) == '.')) {
                return false;
            }
        }
        return true;
    }
}
