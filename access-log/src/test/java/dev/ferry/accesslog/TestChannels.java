package dev.ferry.accesslog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Real files, with counts of opens and closes, and a disk that can be made to hang. */
final class TestChannels implements LogChannels {

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    /** Counted down when a write starts while the disk hangs. */
    final CountDownLatch writeEntered = new CountDownLatch(1);
    private volatile CountDownLatch hang = new CountDownLatch(0);

    /** Every write waits until {@link #release()}. */
    void hang() {
        hang = new CountDownLatch(1);
    }

    void release() {
        hang.countDown();
    }

    int openNow() {
        return opened.get() - closed.get();
    }

    @Override
    public WritableByteChannel open(Path path) throws IOException {
        WritableByteChannel file = FILES.open(path);
        opened.incrementAndGet();
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                CountDownLatch gate = hang;
                if (gate.getCount() > 0) {
                    writeEntered.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
                return file.write(src);
            }

            @Override
            public boolean isOpen() {
                return file.isOpen();
            }

            @Override
            public void close() throws IOException {
                if (file.isOpen()) {
                    closed.incrementAndGet();
                }
                file.close();
            }
        };
    }
}
