package dev.ferry.server.vars;

/**
 * What one attempt on one upstream peer did, for the {@code $upstream_*} variables.
 * Times are nanos since the attempt started, -1 for a phase never reached.
 */
public final class UpstreamAttempt {

    private final String address;
    private final long startNanos = LoopClock.nanoTime();
    private long connectNanos = -1;
    private long headerNanos = -1;
    private long responseNanos = -1;
    private int status = -1;
    private long bytesSent;
    private long bytesReceived;
    private long responseLength;

    /** @param address {@code ip:port}, or the upstream's name when no peer was usable */
    public UpstreamAttempt(String address) {
        this.address = address;
    }

    public String address() {
        return address;
    }

    public void connected() {
        connectNanos = LoopClock.nanoTime() - startNanos;
    }

    public void headerReceived(int status) {
        headerNanos = LoopClock.nanoTime() - startNanos;
        this.status = status;
    }

    /** The attempt ended; a failure before any status records {@code failedStatus} (502/504). */
    public void ended(int failedStatus) {
        if (responseNanos < 0) {
            responseNanos = LoopClock.nanoTime() - startNanos;
        }
        if (status < 0) {
            status = failedStatus;
        }
    }

    public long connectNanos() {
        return connectNanos;
    }

    public long headerNanos() {
        return headerNanos;
    }

    public long responseNanos() {
        return responseNanos;
    }

    public int status() {
        return status;
    }

    public void addBytesSent(long n) {
        bytesSent += n;
    }

    public void addBytesReceived(long n) {
        bytesReceived += n;
    }

    public void addResponseLength(long n) {
        responseLength += n;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long responseLength() {
        return responseLength;
    }
}
