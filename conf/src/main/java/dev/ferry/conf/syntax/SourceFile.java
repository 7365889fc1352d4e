package dev.ferry.conf.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.nio.file.Path;

/**
 * One configuration file as it was read, for {@code ferry -T}: its path as nginx names it
 * (the main file absolute, an included file as the include argument joined to the config prefix)
 * and its raw bytes.
 *
 * @param path    the file's path
 * @param content the bytes read; copied in and out, so the record stays immutable
 */
public record SourceFile(Path path, byte[] content) {

    public SourceFile {
        Objects.requireNonNull(path, "path");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content decoded as UTF-8, as the tokeniser reads it. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceFile other && path.equals(other.path) && Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "SourceFile[" + path + ", " + content.length + " bytes]";
    }
}
