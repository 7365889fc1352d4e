package dev.ferry.server.http;

import dev.ferry.server.vars.RequestContext;

/** Where a finished request is reported (the access log), once, when it ends. */
@FunctionalInterface
public interface RequestLog {

    void finished(RequestContext request);

    RequestLog NONE = request -> { };
}
