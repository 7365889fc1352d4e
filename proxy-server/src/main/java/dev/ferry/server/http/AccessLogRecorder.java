package dev.ferry.server.http;

import dev.ferry.accesslog.AccessLogWriter;
import dev.ferry.accesslog.AccessLogs;
import dev.ferry.accesslog.RequestFacts;
import dev.ferry.accesslog.UpstreamState;
import dev.ferry.server.config.LocationSettings;
import dev.ferry.server.vars.RequestContext;
import dev.ferry.server.vars.UpstreamAttempt;
import dev.ferry.server.vars.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands each finished request to the access-log writer with the logs of its location (or of
 * its server when no location took it). Formatting happens here, on the event loop; the
 * writer thread does the file I/O.
 */
public final class AccessLogRecorder implements RequestLog {

    private final AccessLogWriter writer;

    public AccessLogRecorder(AccessLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public void finished(RequestContext r) {
        if (r.server() == null) {
            return;
        }
        LocationSettings settings = r.location() != null ? r.location().settings() : r.server().settings();
        AccessLogs logs = settings.accessLogs();
        if (logs.off()) {
            return;
        }
        writer.record(logs, new Facts(r));
    }

    /** One request's facts as the log module reads them. */
    private static final class Facts implements RequestFacts {
        private final RequestContext r;

        Facts(RequestContext r) {
            this.r = r;
        }

        @Override
        public long startNanos() {
            return r.startNanos();
        }

        @Override
        public int status() {
            return r.status();
        }

        @Override
        public long bytesSent() {
            return r.bytesSent();
        }

        @Override
        public long bodyBytesSent() {
            return r.bodyBytesSent();
        }

        @Override
        public long requestLength() {
            return r.requestLength();
        }

        @Override
        public boolean pipelined() {
            return r.pipelined();
        }

        @Override
        public long connection() {
            return r.connection();
        }

        @Override
        public long connectionRequests() {
            return r.connectionRequests();
        }

        @Override
        public List<UpstreamState> upstreamStates() {
            List<UpstreamAttempt> attempts = r.upstreamAttempts();
            if (attempts.isEmpty()) {
                return List.of();
            }
            List<UpstreamState> states = new ArrayList<>(attempts.size());
            for (UpstreamAttempt a : attempts) {
                states.add(UpstreamState.attempt(a.address(), Math.max(a.status(), 0), millis(a.connectNanos()),
                        millis(a.headerNanos()), millis(a.responseNanos()), a.bytesReceived(), a.bytesSent(),
                        a.responseLength()));
            }
            return states;
        }

        private static long millis(long nanos) {
            return nanos < 0 ? -1 : nanos / 1_000_000;
        }

        @Override
        public CharSequence variable(String name) {
            Variable v = r.catalog().lookup(name);
            return v == null ? null : v.value(r);
        }
    }
}
