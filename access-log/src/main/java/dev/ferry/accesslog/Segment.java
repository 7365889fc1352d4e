package dev.ferry.accesslog;

/** One compiled piece of a log format or template: literal bytes or a variable. */
sealed interface Segment {

    void render(LineBuilder out, RenderState state);

    /** Text of the format, written as it is (never escaped). */
    record Literal(byte[] bytes) implements Segment {
        @Override
        public void render(LineBuilder out, RenderState state) {
            out.put(bytes);
        }
    }

    /** A variable the log module formats itself. */
    record Own(LogVariable variable, Escape escape) implements Segment {
        @Override
        public void render(LineBuilder out, RenderState state) {
            variable.render(out, escape, state);
        }
    }

    /** A variable the proxy supplies through {@link RequestFacts#variable}. */
    record Asked(String name, Escape escape) implements Segment {
        @Override
        public void render(LineBuilder out, RenderState state) {
            CharSequence value = state.facts().variable(name);
            if (value == null) {
                out.putNotFound(escape);
            } else {
                out.putValue(value, escape);
            }
        }
    }
}
