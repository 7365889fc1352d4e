package dev.ferry.server.http;

import io.netty.handler.codec.http.HttpObject;

/** Whoever currently owns an upstream connection: an exchange using it, or the pool keeping it idle. */
interface UpstreamListener {

    void upstreamRead(HttpObject msg);

    default void upstreamReadComplete() {
    }

    default void upstreamWritabilityChanged() {
    }

    void upstreamInactive();

    void upstreamException(Throwable cause);
}
