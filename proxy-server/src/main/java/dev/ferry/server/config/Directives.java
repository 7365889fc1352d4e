package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import java.util.List;

/** Small lookups over a block's children, with nginx's "is duplicate" rule for single-value directives. */
final class Directives {

    private Directives() {
    }

    /** The only {@code name} in {@code block}, or {@code null}; a second one is "is duplicate". */
    static Directive single(List<Directive> block, String name) {
        Directive found = null;
        for (Directive d : block) {
            if (d.name().equals(name)) {
                if (found != null) {
                    throw d.error("is duplicate");
                }
                found = d;
            }
        }
        return found;
    }

    static List<Directive> all(List<Directive> block, String name) {
        return block.stream().filter(d -> d.name().equals(name)).toList();
    }
}
