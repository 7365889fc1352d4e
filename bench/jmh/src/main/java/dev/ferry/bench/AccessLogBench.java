package dev.ferry.bench;

import dev.ferry.accesslog.AccessLog;
import dev.ferry.accesslog.AccessLogWriter;
import dev.ferry.accesslog.AccessLogs;
import dev.ferry.accesslog.BufferSpec;
import dev.ferry.accesslog.LogFile;
import dev.ferry.accesslog.LogFormat;
import dev.ferry.accesslog.RequestFacts;
import dev.ferry.accesslog.UpstreamState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What an access-log line costs the event loop: {@link AccessLogWriter#record} formats a
 * {@code combined} line and appends it to the calling thread's {@code buffer=64k}; the writer
 * thread writes full buffers to /dev/null, off the measured thread as it is off the event loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessLogBench {

    private AccessLogWriter writer;
    private AccessLogs logs;
    private final RequestFacts facts = new Facts();

    @Setup
    public void setUp() {
        writer = AccessLogWriter.start();
        LogFile devNull = new LogFile(Path.of("/dev/null"), new BufferSpec(64 * 1024, 0, 0));
        writer.open(List.of(devNull));
        logs = new AccessLogs(List.of(new AccessLog(devNull, null, LogFormat.combined(), null, null)), null);
    }

    @TearDown
    public void tearDown() {
        writer.close();
        if (writer.droppedLines() > 0) {
            System.err.println("access log: " + writer.droppedLines() + " lines dropped (the writer fell behind)");
        }
    }

    @Benchmark
    public void recordCombined() {
        writer.record(logs, facts);
    }

    /** A typical proxied GET, as the proxy would describe it. */
    private static final class Facts implements RequestFacts {
        private static final List<UpstreamState> UPSTREAM =
                List.of(UpstreamState.attempt("10.0.0.1:8080", 200, 1, 2, 3, 512, 1234, 0));

        @Override
        public long startNanos() {
            return System.nanoTime() - 1_500_000;
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public long bytesSent() {
            return 1480;
        }

        @Override
        public long bodyBytesSent() {
            return 1234;
        }

        @Override
        public long requestLength() {
            return 412;
        }

        @Override
        public boolean pipelined() {
            return false;
        }

        @Override
        public long connection() {
            return 4711;
        }

        @Override
        public long connectionRequests() {
            return 3;
        }

        @Override
        public List<UpstreamState> upstreamStates() {
            return UPSTREAM;
        }

        @Override
        public CharSequence variable(String name) {
            return switch (name) {
                case "remote_addr" -> "192.0.2.17";
                case "request" -> "GET /api/v1/orders/1234?expand=items&page=2 HTTP/1.1";
                case "http_referer" -> "https://shop.example.com/cart";
                case "http_user_agent" -> "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/126.0.0.0 Safari/537.36";
                default -> null;
            };
        }
    }
}
