package dev.ferry.tests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N keep-alive clients sending GETs back to back until stopped, as a well-behaved client does:
 * a response with "Connection: close" (keepalive_requests reached) means a new connection.
 * Any error or non-200 answer is a failure, and the first one is kept for the message.
 */
final class KeepAliveLoad implements AutoCloseable {

    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    KeepAliveLoad(int port, int connections, String pathPrefix) {
        for (int i = 0; i < connections; i++) {
            String path = pathPrefix + i + "-";
            threads.add(Thread.ofVirtual().start(() -> run(port, path)));
        }
    }

    private void run(int port, String path) {
        RawClient client = null;
        try {
            for (int k = 0; running.get(); k++) {
                if (client == null) {
                    client = new RawClient(port);
                }
                client.send("GET " + path + k + " HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response r = client.read();
                if (r.status() == 200) {
                    ok.incrementAndGet();
                } else {
                    fail(r.head());
                }
                if ("close".equals(r.header("Connection"))) {
                    client.close();
                    client = null;
                }
            }
        } catch (IOException e) {
            fail(e.toString());
        } finally {
            if (client != null) {
                try {
                    client.close();
                } catch (IOException e) {
                    // a test socket that is already gone
                }
            }
        }
    }

    private void fail(String what) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, what);
    }

    /** Stops every client after its current request and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
    }
}
