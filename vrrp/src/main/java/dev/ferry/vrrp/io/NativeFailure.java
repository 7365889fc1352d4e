package dev.ferry.vrrp.io;

/**
 * A libc call failed; the message names the call and the errno as nginx words it:
 * {@code socket(AF_INET, SOCK_RAW, IPPROTO_VRRP) failed (1: Operation not permitted)}.
 */
public final class NativeFailure extends Exception {

    private final int errno;

    NativeFailure(String call, int errno, String text) {
        super(call + " failed (" + errno + ": " + text + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
