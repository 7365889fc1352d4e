package dev.ferry.upstream.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers answers for the span of one config load: a {@code server} line is resolved when
 * it is read (to report errors in file order) and again when its block is bound, and both
 * must see the same addresses. Not thread-safe; one per load.
 */
public final class CachingResolver implements HostResolver {

    private final HostResolver delegate;
    private final Map<String, List<InetAddress>> answers = new HashMap<>();
    private final Map<String, UnknownHostException> failures = new HashMap<>();

    public CachingResolver(HostResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        UnknownHostException failed = failures.get(host);
        if (failed != null) {
            throw failed;
        }
        List<InetAddress> known = answers.get(host);
        if (known != null) {
            return known;
        }
        try {
            List<InetAddress> found = List.copyOf(delegate.resolve(host));
            answers.put(host, found);
            return found;
        } catch (UnknownHostException e) {
            failures.put(host, e);
            throw e;
        }
    }
}
