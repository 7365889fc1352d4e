package dev.ferry.conf.syntax;

import dev.ferry.conf.Directive;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of reading a configuration: the directive tree with every {@code include}
 * expanded in place, and the files that were read.
 *
 * @param mainFile   the main file, absolute and normalised
 * @param directives the top-level directives: those of {@code -g} first, then the main file's
 * @param files      every distinct file read, in the order first read, as {@code nginx -T} dumps
 *                   them: the main file first unless {@code -g} text included a file before it;
 *                   a file included twice (under the same name) appears once
 */
public record ParsedConfig(Path mainFile, List<Directive> directives, List<SourceFile> files) {

    public ParsedConfig {
        Objects.requireNonNull(mainFile, "mainFile");
        directives = List.copyOf(directives);
        files = List.copyOf(files);
    }
}
