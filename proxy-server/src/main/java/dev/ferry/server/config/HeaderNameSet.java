package dev.ferry.server.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A fixed set of header names, looked up case-insensitively on any {@link CharSequence} without
 * allocating: the proxy asks it for every header of every request and response, where lowering
 * each name into a new String just to probe a {@code Set<String>} was a measurable share of
 * the work per request. Names are ASCII (RFC 9110 tokens); open addressing, linear probing.
 */
public final class HeaderNameSet {

    private final String[] table;
    private final int mask;
    private final Set<String> names;

    private HeaderNameSet(Collection<String> names) {
        this.names = Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
        int size = Integer.highestOneBit(Math.max(4, this.names.size() * 4 - 1)) << 1;
        table = new String[size];
        mask = size - 1;
        for (String name : this.names) {
            int i = hash(name) & mask;
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = name;
        }
    }

    public static HeaderNameSet of(Collection<String> names) {
        return new HeaderNameSet(names);
    }

    public static HeaderNameSet of(String... names) {
        return new HeaderNameSet(List.of(names));
    }

    public boolean contains(CharSequence name) {
        return contains(name, hash(name));
    }

    /** {@link #contains(CharSequence)} with {@code hash} = {@link #hash}(name): one hash for several sets. */
    public boolean contains(CharSequence name, int hash) {
        int i = hash & mask;
        for (String candidate = table[i]; candidate != null; candidate = table[i = (i + 1) & mask]) {
            if (equalsIgnoreCase(candidate, name)) {
                return true;
            }
        }
        return false;
    }

    /** The names, lowercase. */
    public Set<String> names() {
        return names;
    }

    /**
     * The slot hash of a name, case-insensitive: its length and three of its bytes, not all of
     * them — header names differ in length or at an end far more often than in the middle, and
     * a hit is confirmed by a full comparison anyway.
     */
    public static int hash(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        int h = n;
        h = 31 * h + lower(s.charAt(0));
        h = 31 * h + lower(s.charAt(n >> 1));
        h = 31 * h + lower(s.charAt(n - 1));
        return h ^ (h >>> 11);
    }

    private static boolean equalsIgnoreCase(String lowered, CharSequence s) {
        if (lowered.length() != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (lowered.charAt(i) != lower(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderNameSet other && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
