package dev.ferry.conf;

/**
 * Receives each directive as soon as the parser has read its terminator, in reading order,
 * the way nginx's {@code ngx_conf_handler} is called from inside {@code ngx_conf_parse}.
 * Running the checks at that moment makes the first error reported the first one in the
 * file, exactly as nginx reports it.
 */
@FunctionalInterface
public interface DirectiveHandler {

    /**
     * Checks one directive and says in which context its block is read.
     *
     * @param head    the directive; for a block directive, {@link Directive#block()} is an
     *                empty list because the block has not been read yet
     * @param context the context the directive stands in
     * @return the context of the block's children, or {@code null} for a simple directive
     * @throws ConfigException with nginx's wording when the directive is not acceptable here
     */
    Context accept(Directive head, Context context);

    /** Accepts everything; a block's children are read in the same context. For tests and -T dumps. */
    DirectiveHandler PERMISSIVE = (head, context) -> head.isBlock() ? context : null;
}
