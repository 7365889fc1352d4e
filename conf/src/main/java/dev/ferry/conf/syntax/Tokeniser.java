package dev.ferry.conf.syntax;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.SourcePosition;
import dev.ferry.conf.syntax.Statement.Terminator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits one source (a file or the {@code -g} text) into statements, with the state machine of
 * nginx's {@code ngx_conf_read_token}: the same flags, checked in the same order, so that odd
 * input fails with the same message on the same line as in nginx.
 *
 * <p>It works on the raw bytes: every character with a meaning in the grammar is ASCII, and
 * nginx's word limit is counted in bytes. Words are decoded as UTF-8 once complete.
 */
final class Tokeniser {

    /**
     * NGX_CONF_BUFFER: nginx reads a file through a buffer of this size, and the token being
     * read (counted from where nginx last set its start mark) must fit in it.
     */
    static final int BUFFER_SIZE = 4096;

    private final Path file;
    private final byte[] text;
    private int pos;
    private int line;

    private Tokeniser(Path file, byte[] text, int firstLine) {
        this.file = file;
        this.text = text;
        this.line = firstLine;
    }

    /** A tokeniser over a file's bytes; lines count from 1. */
    static Tokeniser ofFile(Path file, byte[] content) {
        return new Tokeniser(Objects.requireNonNull(file, "file"), content.clone(), 1);
    }

    /** A tokeniser over {@code -g} text: no file, positions are "in command line". */
    static Tokeniser ofCommandLine(String text) {
        return new Tokeniser(null, text.getBytes(StandardCharsets.UTF_8), 0);
    }

    boolean isCommandLine() {
        return file == null;
    }

    /** The file being read, or {@code null} for {@code -g} text. */
    Path file() {
        return file;
    }

    SourcePosition position(int atLine) {
        return file == null ? SourcePosition.COMMAND_LINE : SourcePosition.of(file, atLine);
    }

    ConfigException error(String reason, int atLine) {
        return new ConfigException(reason, position(atLine));
    }

    /** Reads the next statement; throws {@link ConfigException} on a syntax error. */
    Statement next() {
        List<String> words = new ArrayList<>();
        boolean needSpace = false;   // a quoted word just closed: only blank ; { ) may follow
        boolean lastSpace = true;    // standing between words
        boolean comment = false;
        boolean variable = false;    // previous byte was '$', so a '{' does not end the word
        boolean escaped = false;     // previous byte was a backslash: this one is plain
        boolean singleQuoted = false;
        boolean doubleQuoted = false;
        int start = pos;             // nginx's start mark: where the current token began
        int startLine = line;

        for (;;) {
            if (pos >= text.length) {
                // nginx also fails when a word is open with no argument pushed yet ("!last_space").
                if (!words.isEmpty() || !lastSpace) {
                    throw error(isCommandLine()
                            ? "unexpected end of parameter, expecting \";\""
                            : "unexpected end of file, expecting \";\" or \"}\"", line);
                }
                return new Statement(List.of(), Terminator.END_OF_INPUT, line);
            }
            if (!isCommandLine() && pos - start >= BUFFER_SIZE) {
                // nginx finds this only when it must refill a buffer that the token fills
                // completely; it reports the line the token started on. The start mark is also
                // kept inside a comment, so a comment longer than the buffer fails the same way.
                throw tooLong(start, startLine, doubleQuoted, singleQuoted);
            }

            byte ch = text[pos++];

            if (ch == '\n') {
                line++;
                comment = false;
            }
            if (comment) {
                continue;
            }
            if (escaped) {
                escaped = false;
                continue;
            }

            if (needSpace) {
                if (isBlank(ch)) {
                    lastSpace = true;
                    needSpace = false;
                    continue;
                }
                if (ch == ';') {
                    return new Statement(words, Terminator.SEMICOLON, line);
                }
                if (ch == '{') {
                    return new Statement(words, Terminator.OPEN_BRACE, line);
                }
                if (ch != ')') {
                    throw error("unexpected \"" + characterAt(pos - 1) + "\"", line);
                }
                // ")" right after a quote is allowed for if ($a = "b") and starts a new word.
                lastSpace = true;
                needSpace = false;
            }

            if (lastSpace) {
                start = pos - 1;
                startLine = line;
                if (isBlank(ch)) {
                    continue;
                }
                switch (ch) {
                    case ';', '{' -> {
                        if (words.isEmpty()) {
                            throw error("unexpected \"" + (char) ch + "\"", line);
                        }
                        return new Statement(words, ch == ';' ? Terminator.SEMICOLON : Terminator.OPEN_BRACE, line);
                    }
                    case '}' -> {
                        if (!words.isEmpty()) {
                            throw error("unexpected \"}\"", line);
                        }
                        return new Statement(List.of(), Terminator.CLOSE_BRACE, line);
                    }
                    // "#" starts a comment only here, at the start of a word: "a#b" is one word.
                    case '#' -> comment = true;
                    case '\\' -> {
                        escaped = true;
                        lastSpace = false;
                    }
                    case '"' -> {
                        start++;
                        doubleQuoted = true;
                        lastSpace = false;
                    }
                    case '\'' -> {
                        start++;
                        singleQuoted = true;
                        lastSpace = false;
                    }
                    case '$' -> {
                        variable = true;
                        lastSpace = false;
                    }
                    default -> lastSpace = false;
                }
                continue;
            }

            // Inside a word.
            if (ch == '{' && variable) {
                continue;
            }
            variable = false;
            if (ch == '\\') {
                escaped = true;
                continue;
            }
            if (ch == '$') {
                variable = true;
                continue;
            }

            boolean found = false;
            if (doubleQuoted) {
                if (ch == '"') {
                    doubleQuoted = false;
                    needSpace = true;
                    found = true;
                }
            } else if (singleQuoted) {
                if (ch == '\'') {
                    singleQuoted = false;
                    needSpace = true;
                    found = true;
                }
            } else if (isBlank(ch) || ch == ';' || ch == '{') {
                // A quote or a "}" in the middle of an unquoted word is an ordinary byte.
                lastSpace = true;
                found = true;
            }

            if (found) {
                words.add(WordEscapes.decode(text, start, pos - 1));
                if (ch == ';') {
                    return new Statement(words, Terminator.SEMICOLON, line);
                }
                if (ch == '{') {
                    return new Statement(words, Terminator.OPEN_BRACE, line);
                }
            }
        }
    }

    private ConfigException tooLong(int start, int startLine, boolean doubleQuoted, boolean singleQuoted) {
        if (doubleQuoted || singleQuoted) {
            char quote = doubleQuoted ? '"' : '\'';
            return error("too long parameter, probably missing terminating \"" + quote + "\" character", startLine);
        }
        String head = new String(text, start, 10, StandardCharsets.UTF_8);
        return error("too long parameter \"" + head + "...\" started", startLine);
    }

    /**
     * The character whose first byte is at {@code index}, for "unexpected" messages. nginx
     * prints the single byte; printing the whole UTF-8 sequence keeps the message readable.
     */
    private String characterAt(int index) {
        int lead = text[index] & 0xff;
        int length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        return new String(text, index, Math.min(length, text.length - index), StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }
}
