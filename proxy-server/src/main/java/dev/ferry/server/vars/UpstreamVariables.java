package dev.ferry.server.vars;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code $upstream_*}: one value per attempt joined with ", " (nginx's separators; a new
 * upstream group after an internal redirect would be joined with " : "). Not found when no
 * upstream was involved; "-" for a phase an attempt never reached.
 */
final class UpstreamVariables {

    private UpstreamVariables() {
    }

    static void register(Map<String, Variable> v) {
        v.put("upstream_addr", perAttempt(UpstreamAttempt::address));
        v.put("upstream_status", perAttempt(a -> a.status() < 0 ? "-" : Integer.toString(a.status())));
        v.put("upstream_connect_time", perAttempt(a -> time(a.connectNanos())));
        v.put("upstream_header_time", perAttempt(a -> time(a.headerNanos())));
        v.put("upstream_response_time", perAttempt(a -> time(a.responseNanos())));
        v.put("upstream_bytes_sent", perAttempt(a -> Long.toString(a.bytesSent())));
        v.put("upstream_bytes_received", perAttempt(a -> Long.toString(a.bytesReceived())));
        v.put("upstream_response_length", perAttempt(a -> Long.toString(a.responseLength())));
    }

    private static String time(long nanos) {
        return nanos < 0 ? "-" : Times.seconds(nanos);
    }

    private static Variable perAttempt(Function<UpstreamAttempt, String> each) {
        return r -> {
            List<UpstreamAttempt> attempts = r.upstreamAttempts();
            if (attempts.isEmpty()) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < attempts.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(each.apply(attempts.get(i)));
            }
            return out.toString();
        };
    }
}
