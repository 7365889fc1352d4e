package dev.ferry.conf.syntax;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Directive;
import dev.ferry.conf.SourcePosition;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a directive tree compactly for table tests: {@code name[arg1|arg2]{child child}@where},
 * where {@code where} is the line in the main file, {@code file:line} for another file (relative
 * to the test directory), or {@code cmd} for {@code -g} text. Errors render as {@code !message}
 * with the test directory written {@code $DIR}.
 */
final class TreeRendering {

    private final Path dir;
    private final Path mainFile;

    TreeRendering(Path dir, Path mainFile) {
        this.dir = dir;
        this.mainFile = mainFile;
    }

    String render(List<Directive> directives) {
        return directives.stream().map(this::render).collect(Collectors.joining(" "));
    }

    String render(Directive d) {
        StringBuilder out = new StringBuilder(d.name());
        if (!d.args().isEmpty()) {
            out.append('[').append(String.join("|", d.args())).append(']');
        }
        if (d.isBlock()) {
            out.append('{').append(render(d.block())).append('}');
        }
        return out.append('@').append(where(d.position())).toString();
    }

    String render(ConfigException e) {
        return "!" + e.getMessage().replace(dir.toString(), "$DIR");
    }

    private String where(SourcePosition position) {
        if (position.isCommandLine()) {
            return "cmd";
        }
        if (position.file().equals(mainFile)) {
            return Integer.toString(position.line());
        }
        // by text, not Path.relativize, which would normalise "etc/../up.conf" away
        String file = position.file().toString();
        String prefix = dir + "/";
        return (file.startsWith(prefix) ? file.substring(prefix.length()) : file) + ":" + position.line();
    }
}
