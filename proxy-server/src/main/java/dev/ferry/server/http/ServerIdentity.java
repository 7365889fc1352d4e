package dev.ferry.server.http;

import dev.ferry.server.cli.Version;

/** What Ferry calls itself in {@code Server} headers and error pages (nginx's server_tokens on). */
public final class ServerIdentity {

    public static final String TOKEN = "ferry/" + Version.VERSION;

    private ServerIdentity() {
    }
}
