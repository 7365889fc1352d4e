package dev.ferry.server.vars;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * A string with variables ({@code $name}, {@code ${name}}, {@code $1}..{@code $9}), compiled
 * once at load like nginx's complex values ({@code ngx_http_compile_complex_value}) and
 * evaluated per request. A variable that is not found contributes an empty string.
 */
public final class Template {

    private final String source;
    private final String literal;
    private final Object[] parts; // String literal or Variable

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts.toArray();
        this.literal = parts.size() == 1 && parts.get(0) instanceof String s ? s : parts.isEmpty() ? "" : null;
    }

    /**
     * @throws ConfigException {@code unknown "NAME" variable} or {@code invalid variable name} at {@code where}
     */
    public static Template compile(String text, VariableCatalog catalog, SourcePosition where) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            int start = i + 1;
            boolean braced = start < text.length() && text.charAt(start) == '{';
            int nameStart = braced ? start + 1 : start;
            int end = nameStart;
            if (end < text.length() && Character.isDigit(text.charAt(end)) && !braced) {
                end++; // $1..$9: one digit, as ngx_http_script_compile reads captures
            } else {
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
            }
            if (end == nameStart) {
                throw new ConfigException("invalid variable name", where);
            }
            String name = text.substring(nameStart, end);
            if (braced) {
                if (end >= text.length() || text.charAt(end) != '}') {
                    throw new ConfigException("the closing bracket in \"" + name + "\" variable is missing", where);
                }
                end++;
            }
            Variable variable = catalog.find(name);
            if (variable == null) {
                throw new ConfigException("unknown \"" + name + "\" variable", where);
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(variable);
            i = end;
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Template(text, parts);
    }

    static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** A template without variables; its text. */
    public static Template literal(String text) {
        return new Template(text, text.isEmpty() ? List.of() : List.of(text));
    }

    public boolean isLiteral() {
        return literal != null;
    }

    public String source() {
        return source;
    }

    public String evaluate(RequestContext request) {
        if (literal != null) {
            return literal;
        }
        StringBuilder out = new StringBuilder(64);
        for (Object part : parts) {
            if (part instanceof String s) {
                out.append(s);
            } else {
                String value = ((Variable) part).value(request);
                if (value != null) {
                    out.append(value);
                }
            }
        }
        return out.toString();
    }

    /** Two templates are equal when they were compiled from the same text. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
