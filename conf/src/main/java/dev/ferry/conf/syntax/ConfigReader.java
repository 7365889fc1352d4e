package dev.ferry.conf.syntax;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Context;
import dev.ferry.conf.Directive;
import dev.ferry.conf.DirectiveHandler;
import dev.ferry.conf.SourcePosition;
import dev.ferry.conf.syntax.Statement.Terminator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One read of a configuration: builds the tree from statements, hands each directive to the
 * handler as soon as its terminator is read, and expands {@code include}. The loop mirrors
 * nginx's {@code ngx_conf_parse}, whose three modes (file, block, {@code -g} parameter) decide
 * what a {@code }}, an end of input or a {@code {} means. Not reusable: one instance per read.
 */
final class ConfigReader {

    private enum Mode { FILE, BLOCK, PARAM }

    private final DirectiveHandler handler;
    private final Path configPrefix;
    /** Files read so far by their name, as nginx -T's dump tree keys them (ngx_conf_add_dump). */
    private final Map<Path, SourceFile> files = new LinkedHashMap<>();
    /** The real paths of the files being read right now: the include stack, to stop loops. */
    private final Set<Path> reading = new HashSet<>();

    ConfigReader(DirectiveHandler handler, Path configPrefix) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.configPrefix = Objects.requireNonNull(configPrefix, "configPrefix");
    }

    /** Reads {@code -g} text in context MAIN (ngx_conf_param). */
    List<Directive> readCommandLine(String text) {
        List<Directive> out = new ArrayList<>();
        readBody(Tokeniser.ofCommandLine(text), Context.MAIN, Mode.PARAM, out);
        return out;
    }

    /** Reads the main file in context MAIN; a failure to open it has no position, as in nginx. */
    List<Directive> readMainFile(Path file) {
        List<Directive> out = new ArrayList<>();
        readFile(file, SourceFiles.read(file, null), Context.MAIN, out, null);
        return out;
    }

    /** Reads already loaded text as if it were {@code file}. */
    List<Directive> readText(Path file, byte[] content) {
        List<Directive> out = new ArrayList<>();
        readFile(file, content, Context.MAIN, out, null);
        return out;
    }

    List<SourceFile> files() {
        return List.copyOf(files.values());
    }

    private void readFile(Path path, byte[] content, Context context, List<Directive> out, SourcePosition includedAt) {
        Path identity = identityOf(path);
        if (!reading.add(identity)) {
            // nginx has no such check: it recurses until open() fails with "Too many open files".
            throw new ConfigException("include loop: \"" + path + "\" is already being read", includedAt);
        }
        files.putIfAbsent(path, new SourceFile(path, content));
        try {
            readBody(Tokeniser.ofFile(path, content), context, Mode.FILE, out);
        } finally {
            reading.remove(identity);
        }
    }

    private void readBody(Tokeniser tokens, Context context, Mode mode, List<Directive> out) {
        for (;;) {
            Statement statement = tokens.next();
            switch (statement.terminator()) {
                case CLOSE_BRACE -> {
                    // An included file continues the block around it but may not close it.
                    if (mode != Mode.BLOCK) {
                        throw tokens.error("unexpected \"}\"", statement.line());
                    }
                    return;
                }
                case END_OF_INPUT -> {
                    if (mode == Mode.BLOCK) {
                        throw tokens.error("unexpected end of file, expecting \"}\"", statement.line());
                    }
                    return;
                }
                case OPEN_BRACE -> {
                    if (mode == Mode.PARAM) {
                        throw tokens.error("block directives are not supported in -g option", statement.line());
                    }
                }
                case SEMICOLON -> {
                    // a simple directive
                }
            }
            SourcePosition position = tokens.position(statement.line());
            if (statement.name().equals("include")) {
                include(statement, position, context, out);
            } else {
                directive(tokens, statement, position, context, out);
            }
        }
    }

    private void directive(Tokeniser tokens, Statement statement, SourcePosition position,
                           Context context, List<Directive> out) {
        boolean block = statement.terminator() == Terminator.OPEN_BRACE;
        Directive head = new Directive(statement.name(), statement.args(), block ? List.of() : null, position);
        Context inner = handler.accept(head, context);
        if (!block) {
            out.add(head);
            return;
        }
        if (inner == null) {
            throw new IllegalStateException("the handler gave no context for the block of \""
                    + head.name() + "\" at " + position);
        }
        List<Directive> children = new ArrayList<>();
        readBody(tokens, inner, Mode.BLOCK, children);
        out.add(Directive.block(statement.name(), statement.args(), children, position));
    }

    /**
     * Expands {@code include} in place (ngx_conf_include): the included files are read as a
     * continuation of the current block, in the same context, into the same list. The include
     * is checked as nginx checks its NGX_ANY_CONF|NGX_CONF_TAKE1 entry: terminator first,
     * then the argument count.
     */
    private void include(Statement statement, SourcePosition position, Context context, List<Directive> out) {
        if (statement.terminator() != Terminator.SEMICOLON) {
            // In a raw block (types, map) nginx's custom handler path refuses any "{" before
            // it looks at the name.
            throw new ConfigException(context.raw()
                    ? "unexpected \"{\""
                    : "directive \"include\" is not terminated by \";\"", position);
        }
        if (statement.args().size() != 1) {
            throw new ConfigException("invalid number of arguments in \"include\" directive", position);
        }
        for (Path path : Includes.resolve(configPrefix, statement.args().getFirst(), position)) {
            readFile(path, SourceFiles.read(path, position), context, out, position);
        }
    }

    /** The file itself, whatever the name: symlinks and "." or ".." must not hide a loop. */
    private static Path identityOf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
