package dev.ferry.conf.syntax;

import dev.ferry.conf.SourcePosition;

import java.nio.file.Path;
import java.util.List;

/** Turns the argument of {@code include} into the files to read, as {@code ngx_conf_include} does. */
final class Includes {

    private Includes() {
    }

    /**
     * The files named by {@code argument}, in reading order.
     *
     * <p>A relative name is joined to the config prefix (the main file's directory), as
     * {@code ngx_conf_full_name} does, without normalising it: messages show the name as written.
     * Like nginx, the glob test looks at the whole joined name: without {@code *}, {@code ?} or
     * {@code [} the one file is returned whether it exists or not (reading it reports the error);
     * with them, the matches are returned and none is fine.
     */
    static List<Path> resolve(Path configPrefix, String argument, SourcePosition at) {
        Path full = configPrefix.resolve(SourceFiles.pathOf(argument, at));
        String name = full.toString();
        return Glob.isPattern(name) ? Glob.expand(name) : List.of(full);
    }
}
