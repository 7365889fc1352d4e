package dev.ferry.server;

import dev.ferry.server.cli.Ferry;

/** The {@code ferry} command: nginx's command line, Ferry's proxy. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new Ferry(System.out, System.err).run(args);
        if (status >= 0) {
            System.exit(status);
        }
    }
}
