package dev.ferry.upstream.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses at config load, as nginx does with getaddrinfo(3). */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system resolver: every address the name has, each of which becomes its own peer. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
