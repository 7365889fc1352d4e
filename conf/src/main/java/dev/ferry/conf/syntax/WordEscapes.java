package dev.ferry.conf.syntax;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the backslash escapes of a finished word the way {@code ngx_conf_read_token} copies
 * a word out of its buffer: only {@code \" \' \\ \t \r \n} are decoded, any other {@code \X}
 * keeps both bytes, so regular expressions such as {@code \d} or {@code \.} pass through.
 */
final class WordEscapes {

    private WordEscapes() {
    }

    /** Decodes {@code text[from, to)}, the raw bytes of one word without its quotes. */
    static String decode(byte[] text, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            byte b = text[i];
            // The tokeniser never ends a word right after a lone backslash, so i + 1 < to here;
            // the bound check only guards against misuse.
            if (b == '\\' && i + 1 < to) {
                byte next = text[i + 1];
                switch (next) {
                    case '"', '\'', '\\' -> {
                        out[n++] = next;
                        i += 2;
                        continue;
                    }
                    case 't' -> {
                        out[n++] = '\t';
                        i += 2;
                        continue;
                    }
                    case 'r' -> {
                        out[n++] = '\r';
                        i += 2;
                        continue;
                    }
                    case 'n' -> {
                        out[n++] = '\n';
                        i += 2;
                        continue;
                    }
                    default -> {
                        // kept as both characters: the next byte is copied on the next turn
                    }
                }
            }
            out[n++] = b;
            i++;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
