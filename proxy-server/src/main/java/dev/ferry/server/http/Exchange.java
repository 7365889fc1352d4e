package dev.ferry.server.http;

import io.netty.handler.codec.http.HttpContent;

/** A request being served on a connection: its body arrives here, and the connection tells it what happens. */
interface Exchange {

    /** True while the request body still belongs to this exchange. */
    boolean wantsBody();

    /**
     * True when the client may be read while this exchange runs: its request is whole, so what
     * comes is a pipelined request (it waits its turn) or the close (nginx's broken-connection check).
     */
    boolean clientMayBeRead();

    /** Starts serving. */
    void start();

    /** A piece of the request body; ownership passes to the exchange. */
    void clientContent(HttpContent content);

    /** The client read batch ended: ask for more if the exchange wants it. */
    default void clientReadComplete() {
    }

    /** The client connection's writability changed (back-pressure for the response). */
    default void clientWritabilityChanged() {
    }

    /** The client went away; release everything. */
    void clientClosed();
}
