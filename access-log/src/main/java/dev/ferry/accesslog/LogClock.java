package dev.ferry.accesslog;

/** The two clocks a log line needs: wall time for {@code $time_local} and {@code $msec}, and the monotonic clock of {@link RequestFacts#startNanos()}. */
interface LogClock {

    LogClock SYSTEM = new LogClock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }
    };

    long millis();

    long nanos();
}
