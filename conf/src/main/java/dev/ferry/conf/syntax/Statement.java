package dev.ferry.conf.syntax;

import java.util.List;
import java.util.Objects;

/**
 * What one call of the tokeniser yields: the words of one directive and what ended them,
 * the values {@code ngx_conf_read_token} returns (NGX_OK, NGX_CONF_BLOCK_START,
 * NGX_CONF_BLOCK_DONE, NGX_CONF_FILE_DONE).
 *
 * @param words      the decoded words; empty for {@link Terminator#CLOSE_BRACE} and
 *                   {@link Terminator#END_OF_INPUT}
 * @param terminator what ended the statement
 * @param line       the line the tokeniser stood on when it read the terminator
 */
record Statement(List<String> words, Terminator terminator, int line) {

    /** How a statement ended. */
    enum Terminator {
        /** {@code ;}: a simple directive. */
        SEMICOLON,
        /** {@code {}: a block directive, its children follow. */
        OPEN_BRACE,
        /** {@code }}: the end of the current block. */
        CLOSE_BRACE,
        /** The end of the file or of the {@code -g} text. */
        END_OF_INPUT
    }

    Statement {
        words = List.copyOf(words);
        Objects.requireNonNull(terminator, "terminator");
    }

    String name() {
        return words.getFirst();
    }

    List<String> args() {
        return words.subList(1, words.size());
    }
}
