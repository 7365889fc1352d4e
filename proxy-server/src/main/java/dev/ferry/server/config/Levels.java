package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocks around a place in the config, outermost first (http, server, location, nested
 * location...), for nginx's inheritance: a setting comes from the nearest level that has it,
 * and for list directives ({@code proxy_set_header}, {@code add_header}, {@code error_page},
 * ...) the nearest level that has at least one entry supplies all of them — nothing is merged.
 */
record Levels(List<List<Directive>> blocks) {

    Levels {
        blocks = List.copyOf(blocks);
    }

    static Levels of(List<Directive> outermost) {
        return new Levels(List.of(outermost));
    }

    Levels inner(List<Directive> block) {
        List<List<Directive>> more = new ArrayList<>(blocks);
        more.add(block);
        return new Levels(more);
    }

    /** Every {@code name} at the nearest level that has any. */
    List<Directive> nearest(String name) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            List<Directive> found = Directives.all(blocks.get(i), name);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** The nearest {@code name}, or {@code null}; a second one at the same level is "is duplicate". */
    Directive single(String name) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Directive found = Directives.single(blocks.get(i), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
