package dev.ferry.accesslog;

/**
 * What formatting one request's lines needs besides the format: the facts, the log time
 * (taken once per request, so every line of a request shows the same time) and two reusable
 * buffers. One instance per thread, reused for every request the thread logs.
 */
final class RenderState {

    private static final ThreadLocal<RenderState> CURRENT = ThreadLocal.withInitial(RenderState::new);

    /** The line being formatted. */
    final LineBuilder line = new LineBuilder();
    /** For templates: the {@code if=} condition and a path with variables. */
    final LineBuilder scratch = new LineBuilder();

    private RequestFacts facts;
    private long nowMillis;
    private long nowNanos;
    private LogTime.Stamp stamp;

    private RenderState() {
    }

    static RenderState begin(RequestFacts facts, long nowMillis, long nowNanos, LogTime time) {
        RenderState state = CURRENT.get();
        state.facts = facts;
        state.nowMillis = nowMillis;
        state.nowNanos = nowNanos;
        state.stamp = time.at(nowMillis);
        return state;
    }

    /** Lets go of the request, so a finished request is not kept reachable from the thread. */
    void end() {
        facts = null;
    }

    RequestFacts facts() {
        return facts;
    }

    long nowMillis() {
        return nowMillis;
    }

    long nowNanos() {
        return nowNanos;
    }

    LogTime.Stamp stamp() {
        return stamp;
    }
}
