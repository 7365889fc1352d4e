package dev.ferry.server.http;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * The headers of a head, as nginx keeps them (an {@code ngx_list_t}): fields in the order they
 * came, found by a scan. A head has a dozen fields, is built once and read a few times; a scan
 * beats hashing every name, and one small object per field replaces Netty's hashed entries and
 * bucket array — the largest share of a proxied request's garbage. Names compare
 * case-insensitively. The codecs make their heads here too ({@link #FACTORY}, {@link #UPSTREAM}).
 */
public final class HeaderList extends HttpHeaders {

    /**
     * For heads Ferry writes and for client requests, which RequestGuard has checked byte by
     * byte before the codec sees them: nothing is validated again.
     */
    public static final HttpHeadersFactory FACTORY = factory(12, false);
    /**
     * For upstream response heads: refused as nginx's ngx_http_parse_header_line refuses them
     * (an empty name, a control byte or DEL in a name, a NUL in a value); any other name is
     * passed on, as nginx passes names it only marks invalid.
     */
    public static final HttpHeadersFactory UPSTREAM = factory(12, true);
    /** For trailers, which few messages have: their list is made on the first field. */
    public static final HttpHeadersFactory TRAILERS = factory(0, false);
    /** {@link #TRAILERS} with {@link #UPSTREAM}'s checks. */
    public static final HttpHeadersFactory UPSTREAM_TRAILERS = factory(0, true);

    private static final Field[] NONE = new Field[0];

    private final boolean upstreamChecks;
    private Field[] fields;
    private int size;

    HeaderList() {
        this(12, false);
    }

    HeaderList(int expected) {
        this(expected, false);
    }

    private HeaderList(int expected, boolean upstreamChecks) {
        this.upstreamChecks = upstreamChecks;
        fields = expected == 0 ? NONE : new Field[expected]; // trailers: most never get a field
    }

    private static HttpHeadersFactory factory(int expected, boolean upstreamChecks) {
        return new HttpHeadersFactory() {
            @Override
            public HttpHeaders newHeaders() {
                return new HeaderList(expected, upstreamChecks);
            }

            @Override
            public HttpHeaders newEmptyHeaders() {
                return new HeaderList(0, upstreamChecks);
            }
        };
    }

    private static void check(CharSequence name, CharSequence value) {
        if (name.length() == 0) {
            throw new IllegalArgumentException("a header line that starts with \":\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == 0) {
                throw new IllegalArgumentException("NUL in the value of header " + name);
            }
        }
    }

    /** One field: also the entry the iterators hand out, so iterating allocates only the iterator. */
    private static final class Field implements Map.Entry<CharSequence, CharSequence> {
        private final CharSequence name;
        private final CharSequence value;

        Field(CharSequence name, CharSequence value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public CharSequence getKey() {
            return name;
        }

        @Override
        public CharSequence getValue() {
            return value;
        }

        @Override
        public CharSequence setValue(CharSequence value) {
            throw new UnsupportedOperationException("set() replaces a field");
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /** ASCII case-insensitive equality; most names differ in length, or in their first byte. */
    private static boolean same(CharSequence a, CharSequence b) {
        int n = a.length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static CharSequence text(Object value) {
        if (value instanceof CharSequence s) {
            return s;
        }
        if (value instanceof Date date) {
            return DateFormatter.format(date);
        }
        if (value == null) {
            throw new NullPointerException("value");
        }
        return value.toString();
    }

    private int indexOf(CharSequence name, int from) {
        for (int i = from; i < size; i++) {
            if (same(fields[i].name, name)) {
                return i;
            }
        }
        return -1;
    }

    // ---- reading --------------------------------------------------------------------------

    @Override
    public String get(String name) {
        return get((CharSequence) name);
    }

    @Override
    public String get(CharSequence name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : fields[i].value.toString();
    }

    @Override
    public Integer getInt(CharSequence name) {
        return parsed(name, Integer::valueOf);
    }

    @Override
    public int getInt(CharSequence name, int defaultValue) {
        Integer value = getInt(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public Short getShort(CharSequence name) {
        return parsed(name, Short::valueOf);
    }

    /** The first value of {@code name} as a number; null when absent or not one (as DefaultHttpHeaders). */
    private <T> T parsed(CharSequence name, Function<String, T> parse) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public short getShort(CharSequence name, short defaultValue) {
        Short value = getShort(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public Long getTimeMillis(CharSequence name) {
        String value = get(name);
        Date date = value == null ? null : DateFormatter.parseHttpDate(value);
        return date == null ? null : date.getTime();
    }

    @Override
    public long getTimeMillis(CharSequence name, long defaultValue) {
        Long value = getTimeMillis(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public List<String> getAll(String name) {
        return getAll((CharSequence) name);
    }

    /**
     * Read-only, as every caller reads it; none and one value need no list of their own (Netty's
     * request decoder asks for Content-Length on every request, and most have none).
     */
    @Override
    public List<String> getAll(CharSequence name) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return List.of();
        }
        int next = indexOf(name, first + 1);
        if (next < 0) {
            return List.of(fields[first].value.toString());
        }
        List<String> values = new ArrayList<>(4);
        values.add(fields[first].value.toString());
        for (int i = next; i >= 0; i = indexOf(name, i + 1)) {
            values.add(fields[i].value.toString());
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(fields[i].name.toString(), fields[i].value.toString()));
        }
        return entries;
    }

    @Override
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public boolean contains(CharSequence name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public boolean contains(String name, String value, boolean ignoreCase) {
        return contains((CharSequence) name, value, ignoreCase);
    }

    @Override
    public boolean contains(CharSequence name, CharSequence value, boolean ignoreCase) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            CharSequence v = fields[i].value;
            if (ignoreCase ? AsciiString.contentEqualsIgnoreCase(v, value) : AsciiString.contentEquals(v, value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a value of {@code name}, split at commas and trimmed, holds {@code value}. */
    @Override
    public boolean containsValue(CharSequence name, CharSequence value, boolean ignoreCase) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (listsToken(fields[i].value, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code value}, split at commas and each part trimmed, holds {@code token} (HttpHeaders' rule). */
    static boolean listsToken(CharSequence value, CharSequence token, boolean ignoreCase) {
        int start = 0;
        while (true) {
            int comma = AsciiString.indexOf(value, ',', start);
            int end = comma < 0 ? value.length() : comma;
            if (tokenEquals(value, start, end, token, ignoreCase)) {
                return true;
            }
            start = end + 1;
            if (comma < 0 || start >= value.length()) {
                return false; // as HttpHeaders does: nothing after a trailing comma is a token
            }
        }
    }

    private static boolean tokenEquals(CharSequence v, int start, int end, CharSequence token, boolean ignoreCase) {
        while (start < end && v.charAt(start) <= ' ') { // AsciiString.trim's whitespace
            start++;
        }
        while (end > start && v.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - start != token.length()) {
            return false;
        }
        return ignoreCase ? AsciiString.regionMatches(v, true, start, token, 0, token.length())
                : AsciiString.regionMatches(v, false, start, token, 0, token.length());
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return entries().iterator();
    }

    @Override
    public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<CharSequence, CharSequence> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return fields[next++];
            }
        };
    }

    /** The name of the {@code i}th field (for the response encoder's walk). */
    CharSequence nameAt(int i) {
        return fields[i].name;
    }

    CharSequence valueAt(int i) {
        return fields[i].value;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            names.add(fields[i].name.toString());
        }
        return names;
    }

    // ---- writing --------------------------------------------------------------------------

    @Override
    public HttpHeaders add(String name, Object value) {
        return add((CharSequence) name, value);
    }

    @Override
    public HttpHeaders add(CharSequence name, Object value) {
        CharSequence text = text(value);
        if (upstreamChecks) {
            check(name, text);
        }
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, Math.max(4, size * 2));
        }
        fields[size++] = new Field(name, text);
        return this;
    }

    @Override
    public HttpHeaders add(String name, Iterable<?> values) {
        return add((CharSequence) name, values);
    }

    @Override
    public HttpHeaders add(CharSequence name, Iterable<?> values) {
        for (Object value : values) {
            add(name, value);
        }
        return this;
    }

    @Override
    public HttpHeaders addInt(CharSequence name, int value) {
        return add(name, Integer.toString(value));
    }

    @Override
    public HttpHeaders addShort(CharSequence name, short value) {
        return add(name, Short.toString(value));
    }

    /** Removes every field of that name and adds the new one last, as DefaultHttpHeaders does. */
    @Override
    public HttpHeaders set(String name, Object value) {
        return set((CharSequence) name, value);
    }

    @Override
    public HttpHeaders set(CharSequence name, Object value) {
        CharSequence text = text(value);
        remove(name);
        return add(name, text);
    }

    @Override
    public HttpHeaders set(String name, Iterable<?> values) {
        return set((CharSequence) name, values);
    }

    @Override
    public HttpHeaders set(CharSequence name, Iterable<?> values) {
        remove(name);
        return add(name, values);
    }

    @Override
    public HttpHeaders setInt(CharSequence name, int value) {
        return set(name, Integer.toString(value));
    }

    @Override
    public HttpHeaders setShort(CharSequence name, short value) {
        return set(name, Short.toString(value));
    }

    @Override
    public HttpHeaders remove(String name) {
        return remove((CharSequence) name);
    }

    @Override
    public HttpHeaders remove(CharSequence name) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!same(fields[i].name, name)) {
                fields[kept++] = fields[i];
            }
        }
        Arrays.fill(fields, kept, size, null);
        size = kept;
        return this;
    }

    @Override
    public HttpHeaders clear() {
        Arrays.fill(fields, 0, size, null);
        size = 0;
        return this;
    }

    @Override
    public HttpHeaders copy() {
        HeaderList copy = new HeaderList(size, upstreamChecks);
        for (int i = 0; i < size; i++) {
            copy.add(fields[i].name, fields[i].value);
        }
        return copy;
    }
}
