package dev.ferry.vrrp.io;

/** An instance could not be started; the message names the instance and the failing call with its errno. */
public final class VrrpStartFailure extends Exception {

    public VrrpStartFailure(String message) {
        super(message);
    }
}
