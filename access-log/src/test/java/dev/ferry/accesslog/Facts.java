package dev.ferry.accesslog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A request's facts for tests, changed with small "with" methods. */
final class Facts implements RequestFacts {

    long startNanos;
    int status = 200;
    long bytesSent;
    long bodyBytesSent;
    long requestLength;
    boolean pipelined;
    long connection = 1;
    long connectionRequests = 1;
    List<UpstreamState> upstreamStates = List.of();
    final Map<String, CharSequence> variables = new HashMap<>();

    Facts startedAt(long nanos) {
        startNanos = nanos;
        return this;
    }

    Facts status(int value) {
        status = value;
        return this;
    }

    Facts sent(long total, long body) {
        bytesSent = total;
        bodyBytesSent = body;
        return this;
    }

    Facts var(String name, CharSequence value) {
        variables.put(name, value);
        return this;
    }

    Facts upstream(UpstreamState... states) {
        upstreamStates = List.of(states);
        return this;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long bodyBytesSent() {
        return bodyBytesSent;
    }

    @Override
    public long requestLength() {
        return requestLength;
    }

    @Override
    public boolean pipelined() {
        return pipelined;
    }

    @Override
    public long connection() {
        return connection;
    }

    @Override
    public long connectionRequests() {
        return connectionRequests;
    }

    @Override
    public List<UpstreamState> upstreamStates() {
        return upstreamStates;
    }

    @Override
    public CharSequence variable(String name) {
        return variables.get(name);
    }
}
