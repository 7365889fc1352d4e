package dev.ferry.conf.registry;

import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a module declares about one directive it owns, like an entry of nginx's
 * {@code ngx_command_t} table: its name, where it may stand, how many arguments it takes,
 * and whether it opens a block (and in which context the block is read).
 *
 * @param name         the directive name
 * @param contexts     where the directive is allowed
 * @param arity        accepted argument counts
 * @param blockContext the context of the block's children, or {@code null} for a simple directive
 * @param effect       whether Ferry acts on the directive or only accepts it for compatibility
 * @param check        validation of the directive's own arguments, run the moment it is read
 *                     (as nginx runs a directive's handler), or {@code null}
 */
public record DirectiveSpec(String name, Set<Context> contexts, Arity arity, Context blockContext, Effect effect,
        Consumer<Directive> check) {

    /** Whether a directive does anything in Ferry. */
    public enum Effect {
        /** Ferry implements the directive. */
        SUPPORTED,
        /** Accepted so nginx configs load unchanged, but changes nothing here; a notice says so once. */
        INERT
    }

    public DirectiveSpec {
        Objects.requireNonNull(name, "name");
        contexts = Set.copyOf(contexts);
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException(name + ": a directive needs at least one context");
        }
        Objects.requireNonNull(arity, "arity");
        Objects.requireNonNull(effect, "effect");
    }

    public static DirectiveSpec simple(String name, Arity arity, Context first, Context... rest) {
        return new DirectiveSpec(name, EnumSet.of(first, rest), arity, null, Effect.SUPPORTED, null);
    }

    public static DirectiveSpec block(String name, Arity arity, Context blockContext, Context first, Context... rest) {
        return new DirectiveSpec(name, EnumSet.of(first, rest), arity, Objects.requireNonNull(blockContext),
                Effect.SUPPORTED, null);
    }

    /** The same directive, accepted for compatibility only. */
    public DirectiveSpec inert() {
        return new DirectiveSpec(name, contexts, arity, blockContext, Effect.INERT, check);
    }

    /**
     * The same directive with a check of its own arguments, run as soon as it is read so that
     * the first error in the file is the one reported, as in nginx. The check throws a
     * {@link dev.ferry.conf.ConfigException}; checks that need other directives stay in the binders.
     */
    public DirectiveSpec checkedBy(Consumer<Directive> check) {
        return new DirectiveSpec(name, contexts, arity, blockContext, effect, Objects.requireNonNull(check));
    }

    public boolean isBlock() {
        return blockContext != null;
    }

    public boolean allowedIn(Context context) {
        return contexts.contains(context);
    }
}
