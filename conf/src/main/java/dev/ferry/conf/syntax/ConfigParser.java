package dev.ferry.conf.syntax;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Directive;
import dev.ferry.conf.DirectiveHandler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an nginx configuration into the directive tree, with nginx's grammar and messages
 * (SPEC-nginx.md §1.1-1.3, {@code ngx_conf_file.c}).
 *
 * <p>Each directive goes to the {@link DirectiveHandler} the moment its {@code ;} or {@code {}
 * is read, a block directive before its children, so the first error in reading order is the
 * one reported, as in nginx. Errors are {@link ConfigException}s placed at the line where the
 * tokeniser stood.
 *
 * <p>{@code include} is expanded here in every context, raw ones included, and never reaches
 * the handler or the tree. A relative name is resolved against the main file's directory.
 *
 * <p>Where Ferry differs from nginx, on purpose:
 * <ul>
 *   <li>An include loop (a file including itself, directly or through others) fails with
 *       {@code include loop: "/abs/a.conf" is already being read} at the include directive.
 *       nginx has no check and recurses until open() fails with "Too many open files".</li>
 *   <li>An include naming a directory fails with {@code pread() "/abs/dir" failed
 *       (21: Is a directory)} placed at the include directive; nginx prints it without a
 *       position.</li>
 *   <li>{@code unexpected "X"} names the whole UTF-8 character where nginx prints one byte.</li>
 * </ul>
 */
public final class ConfigParser {

    private ConfigParser() {
    }

    /**
     * Reads {@code -g} text, then the main file, both in context MAIN.
     *
     * @param mainFile              the main configuration file; made absolute and normalised
     * @param commandLineDirectives the {@code -g} text, or {@code null}; positions in it are
     *                              {@link dev.ferry.conf.SourcePosition#COMMAND_LINE} and it may
     *                              not hold blocks
     * @param handler               checks each directive and gives the context of a block
     * @throws ConfigException      on the first error, in nginx's words
     */
    public static ParsedConfig parse(Path mainFile, String commandLineDirectives, DirectiveHandler handler) {
        Path main = mainFile.toAbsolutePath().normalize();
        ConfigReader reader = new ConfigReader(handler, prefixOf(main));
        List<Directive> directives = new ArrayList<>();
        if (commandLineDirectives != null) {
            directives.addAll(reader.readCommandLine(commandLineDirectives));
        }
        directives.addAll(reader.readMainFile(main));
        return new ParsedConfig(main, directives, reader.files());
    }

    /** {@link #parse(Path, String, DirectiveHandler)} without {@code -g} text. */
    public static ParsedConfig parse(Path mainFile, DirectiveHandler handler) {
        return parse(mainFile, null, handler);
    }

    /**
     * Reads {@code text} as if it were the content of {@code pretendFile} (which need not
     * exist); positions name that file and includes resolve against its directory.
     */
    public static List<Directive> parseString(String text, Path pretendFile, DirectiveHandler handler) {
        Path file = pretendFile.toAbsolutePath().normalize();
        ConfigReader reader = new ConfigReader(handler, prefixOf(file));
        return reader.readText(file, Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** nginx's conf_prefix: the directory of the main file. */
    private static Path prefixOf(Path main) {
        Path parent = main.getParent();
        return parent == null ? main.getRoot() : parent;
    }
}
