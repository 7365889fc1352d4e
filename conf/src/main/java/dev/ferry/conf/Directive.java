package dev.ferry.conf;

import java.util.List;
import java.util.Objects;

/**
 * One directive of the untyped configuration tree: its name, its arguments (quotes removed,
 * escapes decoded), its block when it has one, and where it was read.
 *
 * @param name     the first word, compared case-sensitively as nginx does
 * @param args     the remaining words
 * @param block    the directives inside {@code { ... }}, or {@code null} for a simple directive
 * @param position where the directive was read (the line of its {@code ;} or {@code {})
 */
public record Directive(String name, List<String> args, List<Directive> block, SourcePosition position) {

    public Directive {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
        Objects.requireNonNull(position, "position");
    }

    public static Directive simple(String name, List<String> args, SourcePosition position) {
        return new Directive(name, args, null, position);
    }

    public static Directive block(String name, List<String> args, List<Directive> block, SourcePosition position) {
        return new Directive(name, args, Objects.requireNonNull(block, "block"), position);
    }

    public boolean isBlock() {
        return block != null;
    }

    /** The argument at {@code index}; callers check the arity first (the registry does). */
    public String arg(int index) {
        return args.get(index);
    }

    /** A {@link ConfigException} placed at this directive: {@code "NAME" directive <what>}. */
    public ConfigException error(String what) {
        return new ConfigException("\"" + name + "\" directive " + what, position);
    }

    /** A {@link ConfigException} placed at this directive with free text, e.g. {@code invalid parameter "x"}. */
    public ConfigException errorText(String text) {
        return new ConfigException(text, position);
    }
}
