package dev.ferry.server.http;

import dev.ferry.server.cli.Version;

/** What Ferry calls itself in {@code Server} headers and error pages. */
public final class ServerIdentity {

    public static final String TOKEN = "ferry/" + Version.VERSION;

    private ServerIdentity() {
    }

    /** With {@code server_tokens off}, nginx drops the version: "ferry". */
    static String token(boolean tokens) {
        return tokens ? TOKEN : "ferry";
    }
}
