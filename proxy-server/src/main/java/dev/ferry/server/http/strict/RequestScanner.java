package dev.ferry.server.http.strict;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.netty.buffer.Unpooled;

/**
 * Follows one client connection's bytes request by request and stops at the first byte nginx
 * would refuse: the request line as {@code ngx_http_parse_request_line} takes it, header lines
 * as {@code ngx_http_parse_header_line}, the head as {@code ngx_http_process_request_header}
 * judges it (duplicates, Content-Length, Transfer-Encoding), and then the body by its framing
 * (RFC 9112 §6.3), chunk by chunk as {@code ngx_http_parse_chunked}, so it knows where the
 * next request starts.
 *
 * <p>It runs before Netty's codec, which is lenient where nginx is not (it folds obs-fold
 * lines, splits the request line on any whitespace, accepts any token as a method, any version
 * and control characters in the target). Where Netty is stricter than nginx (bare LF inside
 * chunked framing, chunk extensions over one line buffer) the scanner is as strict as Netty,
 * so both agree on every request they let through — which is what keeps a backend from being
 * desynchronised: what passes here has exactly one framing, and Ferry re-frames it anyway.
 *
 * <p>Memory is constant: nothing is buffered but a few bounded fields kept for the error log.
 * One scanner per connection, used only by its event loop.
 */
public final class RequestScanner implements ByteProcessor {

    /** The header names nginx keeps once and refuses twice (ngx_http_process_unique_header_line), 1.22. */
    private static final String[] UNIQUE = {"host", "content-length", "transfer-encoding", "authorization",
        "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range", "content-range", "expect"};
    private static final int HOST = 0;
    private static final int CONTENT_LENGTH = 1;
    private static final int TRANSFER_ENCODING = 2;
    /** Longer names are none of {@link #UNIQUE}. */
    private static final int LONGEST_UNIQUE = 19;
    /** How much of a value is kept for the checks and the error log. */
    private static final int KEPT = 256;
    /** How much of a header line nginx puts in the error log (NGX_MAX_ERROR_STR - 300). */
    private static final int KEPT_LINE = 1748;
    /** nginx's max_headers default (1.29.8; Debian's 1.22 has it too): more header lines are refused. */
    public static final int MAX_FIELDS = 1000;
    /** How much of the request target is kept for the refused request's log line. */
    private static final int KEPT_TARGET = 4096;

    private enum State {
        START, METHOD, BEFORE_TARGET, TARGET, SCHEME, SCHEME_SLASH, SCHEME_SLASH_SLASH, HOST_START, HOST,
        HOST_IP_LITERAL, HOST_END, PORT, BEFORE_VERSION, VERSION_NAME, FIRST_MAJOR, MAJOR, FIRST_MINOR, MINOR, AFTER_VERSION,
        LINE_CR, FIELD_START, NAME, BEFORE_VALUE, VALUE, FIELD_CR, FIELDS_END_CR,
        BODY_LENGTH, CHUNK_START, CHUNK_SIZE, CHUNK_BWS, CHUNK_EXT, CHUNK_SIZE_CR, CHUNK_DATA, CHUNK_DATA_CR,
        CHUNK_DATA_LF, REFUSED
    }

    private final int maxFieldLine;
    private final int maxFields;
    private State state = State.START;
    private Refusal refusal;
    /** Set when the byte just taken ended a request; {@link #feed} stops after it. */
    private boolean ended;
    /** The last {@link #feed} stopped at the end of a request. */
    private boolean stoppedAtEnd;

    // ---- the request line ----
    private final KeptBytes method = new KeptBytes(16, KEPT);
    private final KeptBytes target = new KeptBytes(64, KEPT_TARGET);
    private int versionIndex;
    private int major;
    private int minor;
    /** The request line is complete: refusals name the request (for the access log). */
    private boolean lineDone;

    // ---- header (or trailer) fields ----
    private boolean trailers;
    /** The current line as nginx logs it: the bytes up to the one refused. */
    private final KeptBytes line = new KeptBytes(64, KEPT_LINE);
    /** The name, lowercased, as far as it could be one of {@link #UNIQUE}: one byte more tells a longer one. */
    private final KeptBytes name = new KeptBytes(LONGEST_UNIQUE + 1, LONGEST_UNIQUE + 1);
    private final KeptBytes value = new KeptBytes(32, KEPT);
    /** {@link #value} without its trailing spaces (nginx keeps tabs). */
    private int valueEnd;
    private boolean valueTruncated;
    /** The values of the {@link #UNIQUE} headers seen in this head, and their lines for the log. */
    private final String[] seen = new String[UNIQUE.length];
    private final String[] seenLines = new String[UNIQUE.length];
    /** Bytes of the current header line so far, its CRLF included. */
    private int lineBytes;
    private int fields;

    /** Bytes of the current request's line and header fields so far, its empty line included. */
    private long headBytes;
    /** The size of the last head that ended, until {@link #takeHeadBytes} takes it; -1 when none. */
    private long endedHeadBytes = -1;

    // ---- the body ----
    private long remaining;
    private long chunkSize;

    /** nginx's defaults: a header line fits one 8k large buffer, at most {@link #MAX_FIELDS} of them. */
    public RequestScanner() {
        this(8192, MAX_FIELDS);
    }

    /**
     * @param maxFieldLine the longest header line with its CRLF: {@code large_client_header_buffers}'
     *                     size (the request line's limit, 414, is the codec's)
     * @param maxFields    the most header lines in one head
     */
    public RequestScanner(int maxFieldLine, int maxFields) {
        this.maxFieldLine = maxFieldLine;
        this.maxFields = maxFields;
    }

    /** True when the last {@link #feed} stopped because a request ended there. */
    public boolean stoppedAtRequestEnd() {
        return stoppedAtEnd;
    }

    /**
     * The size on the wire of the head that ended in the bytes fed since the last call
     * ({@code $request_length}'s head part, counted as nginx counts it), or -1.
     */
    public long takeHeadBytes() {
        long n = endedHeadBytes;
        endedHeadBytes = -1;
        return n;
    }

    /** The refusal, once {@link #feed} has stopped at a refused byte; {@code null} until then. */
    public Refusal refusal() {
        return refusal;
    }

    /**
     * Takes the readable bytes of {@code in} (its indexes are not moved) up to the end of the
     * first request that ends in them, and returns how many it took. When it took fewer than
     * all, either that request ended there ({@link #refusal()} is null: the rest is the next
     * request's) or the byte after them was refused ({@link #refusal()} says why). Once
     * refused, nothing more is taken.
     */
    public int feed(ByteBuf in) {
        stoppedAtEnd = false;
        int start = in.readerIndex();
        int end = in.writerIndex();
        int i = start;
        while (i < end) {
            switch (state) {
                case REFUSED -> {
                    return i - start;
                }
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.BODY_LENGTH) {
                            state = State.START;
                            stoppedAtEnd = true;
                            return i - start;
                        }
                        state = State.CHUNK_DATA_CR;
                    }
                }
                default -> {
                    // forEachByte checks the bounds once, not per byte as getByte does; it stops
                    // at a byte that is refused, ends a request or starts a body to skip.
                    int at = in.forEachByte(i, end - i, this);
                    if (at < 0) {
                        return end - start;
                    }
                    if (state == State.REFUSED) {
                        return at - start;
                    }
                    i = at + 1;
                    if (ended) {
                        ended = false;
                        stoppedAtEnd = true;
                        return i - start;
                    }
                }
            }
        }
        return end - start;
    }

    /** Feeds all of {@code bytes}, request after request; returns how many were taken before a refusal. */
    public int feed(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        int taken = 0;
        while (in.isReadable()) {
            int n = feed(in);
            taken += n;
            in.skipBytes(n);
            if (refusal != null) {
                break;
            }
        }
        return taken;
    }

    /** {@link #feed}'s walk over head bytes: false to stop it (see there). */
    @Override
    public boolean process(byte b) {
        return step(b & 0xff) && !ended && state != State.BODY_LENGTH && state != State.CHUNK_DATA;
    }

    /** One byte outside a body; false when it is refused. */
    private boolean step(int c) {
        headBytes++;
        if (state.ordinal() >= State.NAME.ordinal() && state.ordinal() <= State.FIELD_CR.ordinal()
                && ++lineBytes > maxFieldLine) {
            return tooLongLine();
        }
        switch (state) {
            case START -> {
                if (c == '\r' || c == '\n') {
                    return true; // RFC 9112 §2.2: empty lines before a request line are ignored
                }
                if (!isMethodChar(c)) {
                    return refuse(400, "client sent invalid method", Refusal.Phase.REQUEST_LINE);
                }
                newRequest();
                headBytes = 1; // this byte: the empty lines before a request are not part of it
                method.add(c);
                state = State.METHOD;
            }
            case METHOD -> {
                if (c == ' ') {
                    state = State.BEFORE_TARGET;
                } else if (isMethodChar(c)) {
                    method.add(c);
                } else {
                    return refuse(400, "client sent invalid method", Refusal.Phase.REQUEST_LINE);
                }
            }
            case BEFORE_TARGET -> {
                if (c == ' ') {
                    return true;
                }
                keepTarget(c);
                if (c == '/') {
                    state = State.TARGET;
                } else if (isAlpha(c)) {
                    state = State.SCHEME; // absolute-form (RFC 9112 §3.2.2); nginx takes the host from it
                } else {
                    return invalidRequest();
                }
            }
            case SCHEME -> {
                keepTarget(c);
                if (c == ':') {
                    state = State.SCHEME_SLASH;
                } else if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
                    return invalidRequest();
                }
            }
            case SCHEME_SLASH, SCHEME_SLASH_SLASH -> {
                keepTarget(c);
                if (c != '/') {
                    return invalidRequest();
                }
                state = state == State.SCHEME_SLASH ? State.SCHEME_SLASH_SLASH : State.HOST_START;
            }
            case HOST_START, HOST -> {
                if (state == State.HOST_START && c == '[') {
                    keepTarget(c);
                    state = State.HOST_IP_LITERAL;
                    return true;
                }
                state = State.HOST;
                if (isAlpha(c) || isDigit(c) || c == '.' || c == '-') {
                    keepTarget(c);
                    return true;
                }
                return hostEnd(c);
            }
            case HOST_IP_LITERAL -> {
                keepTarget(c);
                if (c == ']') {
                    state = State.HOST_END;
                    return true;
                }
                if (!isAlpha(c) && !isDigit(c) && "-._~!$&'()*+,;=:".indexOf(c) < 0) {
                    return invalidRequest();
                }
            }
            case HOST_END -> {
                return hostEnd(c);
            }
            case PORT -> {
                if (isDigit(c)) {
                    keepTarget(c);
                    return true;
                }
                return hostEnd(c);
            }
            case TARGET -> {
                if (c == ' ') {
                    state = State.BEFORE_VERSION;
                } else if (c == '\r' || c == '\n') {
                    return http09();
                } else if (c < 0x20 || c == 0x7f) {
                    // NUL, controls and DEL in the request line: refused since nginx 1.21.1
                    return invalidRequest();
                } else {
                    keepTarget(c);
                }
            }
            case BEFORE_VERSION -> {
                if (c == 'H') {
                    versionIndex = 1;
                    state = State.VERSION_NAME;
                } else if (c == '\r' || c == '\n') {
                    return http09();
                } else if (c != ' ') {
                    return invalidRequest();
                }
            }
            case VERSION_NAME -> {
                if (c != "HTTP/".charAt(versionIndex)) {
                    return invalidRequest(); // "http/1.1", "HTTPS/1.1": the protocol name is case-sensitive
                }
                if (++versionIndex == 5) {
                    state = State.FIRST_MAJOR;
                }
            }
            case FIRST_MAJOR -> {
                if (c < '1' || c > '9') {
                    return invalidRequest(); // no leading zero, so "HTTP/0.9" is not a version here
                }
                major = c - '0';
                if (major > 1) {
                    return refuse(505, "client sent invalid version", Refusal.Phase.REQUEST_LINE);
                }
                state = State.MAJOR;
            }
            case MAJOR -> {
                if (c == '.') {
                    state = State.FIRST_MINOR;
                } else if (isDigit(c)) {
                    major = major * 10 + c - '0';
                    if (major > 1) {
                        return refuse(505, "client sent invalid version", Refusal.Phase.REQUEST_LINE);
                    }
                } else {
                    return invalidRequest();
                }
            }
            case FIRST_MINOR -> {
                if (!isDigit(c)) {
                    return invalidRequest();
                }
                minor = c - '0';
                state = State.MINOR;
            }
            case MINOR -> {
                if (isDigit(c)) {
                    if (minor > 99) {
                        return invalidRequest();
                    }
                    minor = minor * 10 + c - '0';
                } else {
                    return versionEnd(c);
                }
            }
            case AFTER_VERSION -> {
                return versionEnd(c);
            }
            case LINE_CR -> {
                if (c != '\n') {
                    return invalidRequest();
                }
                lineEnd();
            }
            case FIELD_START -> {
                if (c == '\r') {
                    state = State.FIELDS_END_CR;
                    return true;
                }
                if (c == '\n') {
                    return fieldsEnd();
                }
                line.clear();
                name.clear();
                lineBytes = 1;
                if (c <= 0x20 || c == 0x7f || c == ':') {
                    // A leading SP or HTAB is obs-fold (RFC 9112 §5.2): nginx refuses it.
                    return invalidHeader(c);
                }
                keepLine(c);
                keepName(c);
                state = State.NAME;
            }
            case NAME -> {
                if (c == ':') {
                    keepLine(c);
                    value.clear();
                    valueEnd = 0;
                    valueTruncated = false;
                    state = State.BEFORE_VALUE;
                } else if (c <= 0x20 || c == 0x7f) {
                    // Whitespace before the colon (RFC 9112 §5.1), controls, or no colon at all.
                    return invalidHeader(c);
                } else {
                    keepLine(c);
                    keepName(c);
                }
            }
            case BEFORE_VALUE -> {
                if (c == ' ') {
                    keepLine(c);
                    return true; // nginx skips spaces only: a leading tab is part of the value
                }
                state = State.VALUE;
                return value(c);
            }
            case VALUE -> {
                return value(c);
            }
            case FIELD_CR -> {
                if (c != '\n') {
                    return invalidHeader('\r'); // a bare CR
                }
                return fieldEnd();
            }
            case FIELDS_END_CR -> {
                if (c != '\n') {
                    return trailers ? invalidChunked() : invalidHeader('\r');
                }
                return fieldsEnd();
            }
            case CHUNK_START -> {
                int digit = Character.digit(c, 16);
                if (digit < 0) {
                    return invalidChunked();
                }
                chunkSize = digit;
                state = State.CHUNK_SIZE;
            }
            case CHUNK_SIZE -> {
                int digit = Character.digit(c, 16);
                if (digit >= 0) {
                    if (chunkSize > Long.MAX_VALUE / 16) {
                        return invalidChunked(); // ngx_http_parse_chunked: over NGX_MAX_OFF_T_VALUE
                    }
                    chunkSize = chunkSize * 16 + digit;
                } else if (c == ';') {
                    state = State.CHUNK_EXT;
                } else if (c == ' ' || c == '\t') {
                    state = State.CHUNK_BWS;
                } else if (c == '\r') {
                    state = State.CHUNK_SIZE_CR;
                } else {
                    return invalidChunked();
                }
            }
            case CHUNK_BWS -> {
                // RFC 9112 §7.1.1: whitespace after the size only before an extension.
                if (c == ';') {
                    state = State.CHUNK_EXT;
                } else if (c != ' ' && c != '\t') {
                    return invalidChunked();
                }
            }
            case CHUNK_EXT -> {
                if (c == '\r') {
                    state = State.CHUNK_SIZE_CR;
                } else if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                    return invalidChunked(); // NUL, bare LF and controls in an extension
                }
            }
            case CHUNK_SIZE_CR -> {
                if (c != '\n') {
                    return invalidChunked();
                }
                if (chunkSize == 0) {
                    trailers = true; // RFC 9112 §7.1.2: trailer fields, then an empty line
                    state = State.FIELD_START;
                } else {
                    remaining = chunkSize;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_DATA_CR -> {
                if (c != '\r') {
                    return invalidChunked(); // the data must end with CRLF: longer data is refused here
                }
                state = State.CHUNK_DATA_LF;
            }
            case CHUNK_DATA_LF -> {
                if (c != '\n') {
                    return invalidChunked();
                }
                state = State.CHUNK_START;
            }
            default -> throw new IllegalStateException(state.name());
        }
        return true;
    }

    private void newRequest() {
        // An idle keep-alive connection keeps these: one long request must not make them big for good.
        method.reset();
        target.reset();
        line.reset();
        value.reset();
        fields = 0;
        major = 0;
        minor = 0;
        lineDone = false;
        trailers = false;
        java.util.Arrays.fill(seen, null);
        java.util.Arrays.fill(seenLines, null);
    }

    private boolean hostEnd(int c) {
        switch (c) {
            case ':' -> {
                if (state == State.PORT) {
                    return invalidRequest();
                }
                keepTarget(c);
                state = State.PORT;
            }
            case '/', '?' -> {
                keepTarget(c);
                state = State.TARGET;
            }
            case ' ' -> state = State.BEFORE_VERSION;
            case '\r', '\n' -> {
                return http09();
            }
            default -> {
                return invalidRequest(); // "_", "@" (userinfo) and the like are not in nginx's host
            }
        }
        return true;
    }

    private boolean versionEnd(int c) {
        switch (c) {
            case ' ' -> state = State.AFTER_VERSION;
            case '\r' -> state = State.LINE_CR;
            case '\n' -> lineEnd(); // RFC 9112 §2.2: a bare LF ends a line, as nginx accepts
            default -> {
                return invalidRequest();
            }
        }
        return true;
    }

    private void lineEnd() {
        lineDone = true;
        state = State.FIELD_START;
    }

    private boolean http09() {
        // nginx serves an HTTP/0.9 GET (a body without a head); Ferry refuses HTTP/0.9 altogether.
        return refuse(400, method.toString().equals("GET") ? "client sent HTTP/0.9 request"
                : "client sent invalid method in HTTP/0.9 request", Refusal.Phase.REQUEST_LINE);
    }

    private boolean value(int c) {
        switch (c) {
            case '\r' -> state = State.FIELD_CR;
            case '\n' -> {
                return fieldEnd();
            }
            case 0 -> {
                return invalidHeader(c);
            }
            default -> {
                keepLine(c);
                if (!value.add(c)) {
                    valueTruncated = true;
                } else if (c != ' ') {
                    valueEnd = value.length(); // trailing spaces are not part of the value
                }
            }
        }
        return true;
    }

    /** One header (or trailer) line is complete. */
    private boolean fieldEnd() {
        state = State.FIELD_START;
        if (trailers) {
            return true; // trailers are checked for syntax only: Ferry never passes them on
        }
        if (++fields > maxFields) {
            return refuse(494, "client sent too many header lines", Refusal.Phase.HEADERS);
        }
        int known = uniqueIndex();
        if (known < 0) {
            return true;
        }
        if (seen[known] != null) {
            return refuse(400, (known == HOST ? "client sent duplicate host header: \"" : "client sent duplicate header line: \"")
                    + printable(line.toString().strip()) + "\", previous value: \"" + printable(seenLines[known].strip())
                    + "\"", Refusal.Phase.HEADERS);
        }
        String v = value.substring(0, valueEnd);
        seen[known] = valueTruncated ? v + "..." : v;
        seenLines[known] = line.toString(); // made printable only if a duplicate comes
        return true;
    }

    private int uniqueIndex() {
        if (name.length() > LONGEST_UNIQUE) { // longer than any of them
            return -1;
        }
        for (int i = 0; i < UNIQUE.length; i++) {
            if (name.contentEquals(UNIQUE[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The empty line after the fields: the head is judged, and the body's framing chosen. */
    private boolean fieldsEnd() {
        if (trailers) {
            trailers = false;
            state = State.START;
            ended = true;
            return true;
        }
        endedHeadBytes = headBytes;
        // ngx_http_process_request_header, in its order (a missing Host is HttpConnection's).
        String host = seen[HOST];
        if (host != null && host.indexOf('\t') >= 0) {
            // Netty would trim a leading or trailing tab away; nginx keeps it and refuses the host.
            return refuse(400, "client sent invalid host header", Refusal.Phase.HEADERS);
        }
        long length = -1;
        String cl = seen[CONTENT_LENGTH];
        if (cl != null) {
            length = parseLength(cl);
            if (length < 0) {
                return refuse(400, "client sent invalid \"Content-Length\" header", Refusal.Phase.HEADERS);
            }
        }
        String te = seen[TRANSFER_ENCODING];
        if (te != null) {
            if (minor == 0) {
                return refuse(400, "client sent HTTP/1.0 request with \"Transfer-Encoding\" header", Refusal.Phase.HEADERS);
            }
            if (!te.equalsIgnoreCase("chunked")) {
                // RFC 9112 §6.1: only a final chunked frames a request; nginx knows no other coding.
                return refuse(501, "client sent unknown \"Transfer-Encoding\": \"" + printable(te) + "\"",
                        Refusal.Phase.HEADERS);
            }
            if (cl != null) {
                // RFC 9112 §6.3 item 3: both headers mean smuggling, refused outright.
                return refuse(400, "client sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time",
                        Refusal.Phase.HEADERS);
            }
            state = State.CHUNK_START;
            return true;
        }
        if (length > 0) {
            remaining = length;
            state = State.BODY_LENGTH;
        } else {
            state = State.START;
            ended = true;
        }
        return true;
    }

    /** nginx's ngx_atoof: digits only, no sign or spaces, no overflow; -1 when invalid. */
    static long parseLength(String s) {
        if (s.isEmpty() || s.endsWith("...")) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (n > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n;
    }

    /** ngx_http_alloc_large_header_buffer: a line that does not fit one large buffer (494, sent as 400). */
    private boolean tooLongLine() {
        if (trailers) {
            return invalidChunked();
        }
        return refuse(494, "client sent too long header line: \"" + printable(line) + "...\"", Refusal.Phase.HEADERS);
    }

    private boolean invalidRequest() {
        return refuse(400, "client sent invalid request", Refusal.Phase.REQUEST_LINE);
    }

    private boolean invalidChunked() {
        return refuse(400, "client sent invalid chunked body", Refusal.Phase.BODY);
    }

    /** nginx logs the line up to the refused byte, that byte in hex, and "...". */
    private boolean invalidHeader(int c) {
        if (trailers) {
            return invalidChunked();
        }
        return refuse(400, "client sent invalid header line: \"" + printable(line) + String.format("\\x%02x...", c) + "\"",
                Refusal.Phase.HEADERS);
    }

    private boolean refuse(int status, String message, Refusal.Phase phase) {
        boolean named = lineDone && phase != Refusal.Phase.REQUEST_LINE;
        refusal = new Refusal(status, message, phase, named ? method.toString() : null,
                named ? target.toString() : null, named ? minor : -1);
        state = State.REFUSED;
        return false;
    }

    private void keepTarget(int c) {
        target.add(c);
    }

    private void keepLine(int c) {
        line.add(c);
    }

    private void keepName(int c) {
        name.add(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }

    /** Controls and bytes over 0x7e as \xNN, as nginx writes them in the error log. */
    static String printable(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isMethodChar(int c) {
        return c >= 'A' && c <= 'Z' || c == '_' || c == '-';
    }

    private static boolean isAlpha(int c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
