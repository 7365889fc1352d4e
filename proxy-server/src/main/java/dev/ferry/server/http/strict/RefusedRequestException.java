package dev.ferry.server.http.strict;

import io.netty.handler.codec.DecoderException;

/** The cause in the failed {@code DecoderResult} of a request {@link RequestGuard} refused. */
public final class RefusedRequestException extends DecoderException {

    private final transient Refusal refusal;

    RefusedRequestException(Refusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    /** A refusal is an answer, not a fault: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public Refusal refusal() {
        return refusal;
    }
}
