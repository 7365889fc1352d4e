package dev.ferry.accesslog;

import dev.ferry.conf.SourcePosition;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code open_log_file_cache max=N [inactive=TIME] [min_uses=N] [valid=TIME]}: how long the
 * files of {@code access_log} paths with variables stay open between requests. Without it
 * (nginx's default, or {@code off}) such a file is opened and closed for each write.
 *
 * @param max      the most files kept open; the least useful is closed first
 * @param inactive a file not written for this long is closed (default 10s)
 * @param minUses  nginx's uses within {@code inactive} before a descriptor is kept (default 1);
 *                 read and checked, but Ferry keeps a file open from its first use
 * @param valid    how long a file is trusted to still be the one under its name (default 60s);
 *                 Ferry then reopens it, so a rotated file is left within this time
 * @param position the directive, so that two levels never share one cache
 */
public record OpenFileCache(int max, Duration inactive, int minUses, Duration valid, SourcePosition position) {

    public static final Duration DEFAULT_INACTIVE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_VALID = Duration.ofSeconds(60);

    public OpenFileCache {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        Objects.requireNonNull(inactive, "inactive");
        Objects.requireNonNull(valid, "valid");
        if (minUses < 0) {
            throw new IllegalArgumentException("min_uses must be >= 0: " + minUses);
        }
    }
}
