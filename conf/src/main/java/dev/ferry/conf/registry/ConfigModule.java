package dev.ferry.conf.registry;

import java.util.List;

/**
 * A part of Ferry that owns directives, as an nginx module owns its {@code ngx_command_t}s.
 * Modules register here so the generic checks know every name; each module binds its own
 * directives into immutable records.
 */
public interface ConfigModule {

    /** A short name for the README table and messages, e.g. "http_upstream". */
    String name();

    /** Every directive this module owns. */
    List<DirectiveSpec> directives();
}
