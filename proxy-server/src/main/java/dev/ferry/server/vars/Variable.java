package dev.ferry.server.vars;

/** One nginx variable: its value for a request, or {@code null} when it is "not found". */
@FunctionalInterface
public interface Variable {

    String value(RequestContext request);
}
