package dev.ferry.conf.syntax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The part of glob(3) that {@code include} uses ({@code ngx_open_glob} calls it with no flags):
 * {@code *}, {@code ?} and {@code [...]} (with {@code !} or {@code ^} negation and ranges) in any
 * path component, a backslash quoting the next character, a leading dot in a name matched only
 * by a literal dot, and the matches sorted in byte order (nginx never sets a locale, so glob(3)
 * collates in the C locale). Directories that cannot be listed are skipped, as glob(3) does
 * without GLOB_ERR. Character classes such as {@code [:alpha:]} are not supported.
 */
final class Glob {

    /** Sorts as strcmp(3) does on the UTF-8 bytes. */
    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private Glob() {
    }

    /** True when nginx would treat the name as a pattern: it holds {@code *}, {@code ?} or {@code [}. */
    static boolean isPattern(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    }

    /** The existing paths that match {@code pattern}, sorted; empty when nothing matches. */
    static List<Path> expand(String pattern) {
        List<String> candidates = List.of(pattern.startsWith("/") ? "/" : "");
        for (String component : pattern.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String prefix : candidates) {
                if (isPattern(component)) {
                    next.addAll(matchesIn(prefix, component));
                } else {
                    next.add(join(prefix, unescape(component)));
                }
            }
            candidates = next;
        }
        return candidates.stream()
                .filter(p -> Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS))
                .sorted(BYTE_ORDER)
                .map(Path::of)
                .toList();
    }

    /** fnmatch(3) of one file name against one pattern component, with FNM_PERIOD. */
    static boolean matches(String pattern, String name) {
        List<Element> elements = Element.parse(pattern);
        int[] chars = name.codePoints().toArray();
        if (chars.length > 0 && chars[0] == '.'
                && (elements.isEmpty() || !(elements.getFirst() instanceof Element.Literal(int c) && c == '.'))) {
            return false;
        }
        return match(elements, 0, chars, 0);
    }

    private static boolean match(List<Element> elements, int e, int[] chars, int c) {
        while (e < elements.size()) {
            Element element = elements.get(e);
            if (element instanceof Element.Star) {
                for (int rest = c; rest <= chars.length; rest++) {
                    if (match(elements, e + 1, chars, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (c >= chars.length || !element.matches(chars[c])) {
                return false;
            }
            e++;
            c++;
        }
        return c == chars.length;
    }

    private static List<String> matchesIn(String prefix, String component) {
        Path dir = Path.of(prefix.isEmpty() ? "." : prefix);
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (matches(component, name)) {
                    found.add(join(prefix, name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // glob(3) without GLOB_ERR skips what it cannot read; "no match" is not an error.
            return List.of();
        }
        return found;
    }

    private static String join(String prefix, String name) {
        if (prefix.isEmpty()) {
            return name;
        }
        return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
    }

    private static String unescape(String component) {
        StringBuilder out = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); i++) {
            char ch = component.charAt(i);
            if (ch == '\\' && i + 1 < component.length()) {
                ch = component.charAt(++i);
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** One unit of a pattern component. */
    private sealed interface Element {

        boolean matches(int ch);

        record Literal(int ch) implements Element {
            @Override
            public boolean matches(int other) {
                return other == ch;
            }
        }

        record AnyOne() implements Element {
            @Override
            public boolean matches(int ch) {
                return true;
            }
        }

        record Star() implements Element {
            /** Never asked: the matcher backtracks over a star instead. */
            @Override
            public boolean matches(int ch) {
                return false;
            }
        }

        /** {@code [...]}: ranges as pairs {@code low, high}; a single member is a range of one. */
        record Bracket(int[] ranges, boolean negated) implements Element {
            @Override
            public boolean matches(int ch) {
                for (int i = 0; i < ranges.length; i += 2) {
                    if (ch >= ranges[i] && ch <= ranges[i + 1]) {
                        return !negated;
                    }
                }
                return negated;
            }
        }

        static List<Element> parse(String pattern) {
            int[] p = pattern.codePoints().toArray();
            List<Element> out = new ArrayList<>();
            int i = 0;
            while (i < p.length) {
                int ch = p[i];
                if (ch == '*') {
                    out.add(new Star());
                    i++;
                } else if (ch == '?') {
                    out.add(new AnyOne());
                    i++;
                } else if (ch == '\\' && i + 1 < p.length) {
                    out.add(new Literal(p[i + 1]));
                    i += 2;
                } else if (ch == '[') {
                    int end = parseBracket(p, i, out);
                    if (end < 0) {
                        out.add(new Literal('['));   // no closing "]": the "[" is an ordinary character
                        i++;
                    } else {
                        i = end;
                    }
                } else {
                    out.add(new Literal(ch));
                    i++;
                }
            }
            return out;
        }

        /** Parses {@code [...]} at {@code open}; returns the index after {@code ]}, or -1 if unclosed. */
        private static int parseBracket(int[] p, int open, List<Element> out) {
            int i = open + 1;
            boolean negated = i < p.length && (p[i] == '!' || p[i] == '^');
            if (negated) {
                i++;
            }
            List<Integer> ranges = new ArrayList<>();
            boolean first = true;
            while (i < p.length) {
                int ch = p[i];
                if (ch == ']' && !first) {
                    out.add(new Bracket(ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
                    return i + 1;
                }
                first = false;
                if (ch == '\\' && i + 1 < p.length) {
                    ch = p[++i];
                }
                int low = ch;
                int high = ch;
                if (i + 2 < p.length && p[i + 1] == '-' && p[i + 2] != ']') {
                    i += 2;
                    high = p[i];
                    if (high == '\\' && i + 1 < p.length) {
                        high = p[++i];
                    }
                }
                ranges.add(low);
                ranges.add(high);
                i++;
            }
            return -1;
        }
    }
}
