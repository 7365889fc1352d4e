package dev.ferry.vrrp.track;

/**
 * The outcome of the trackers for one instance.
 *
 * @param priority the effective priority, 1..255
 * @param fault    a tracked item with weight 0 is down
 */
public record Tracking(int priority, boolean fault) {

    public Tracking {
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority must be 1..255: " + priority);
        }
    }
}
