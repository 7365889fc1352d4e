package dev.ferry.upstream.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Upstream addresses read as nginx's {@code ngx_parse_url} reads a {@code server} line
 * (SPEC-nginx.md §2.1), and resolved at load. Failures carry nginx's short reason.
 */
class ServerAddressTest {

    /** "backend.test" has two addresses; literals are themselves; every other name is unknown. */
    private static final HostResolver RESOLVER = host -> {
        if (host.equals("backend.test")) {
            return List.of(InetAddress.ofLiteral("127.0.0.2"), InetAddress.ofLiteral("127.0.0.3"));
        }
        try {
            return List.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException notALiteral) {
            throw new UnknownHostException(host);
        }
    };

    @ParameterizedTest(name = "{0} -> host {1}, port {2}")
    @CsvSource(delimiterString = "->", textBlock = """
            127.0.0.1              -> 127.0.0.1    -> 80
            127.0.0.1:8080         -> 127.0.0.1    -> 8080
            backend.test           -> backend.test -> 80
            backend.test:65535     -> backend.test -> 65535
            127.0.0.1:0080         -> 127.0.0.1    -> 80
            [::1]                  -> ::1          -> 80
            [::1]:8080             -> ::1          -> 8080
            [2001:db8::1]:1        -> 2001:db8::1  -> 1
            """)
    void addressFormsParse(String text, String host, int port) throws ServerAddress.Invalid {
        assertEquals(new ServerAddress(host, port, false), ServerAddress.parse(text, 80));
    }

    @Test
    void defaultPortIsTheCallersWhenNoneIsWritten() throws ServerAddress.Invalid {
        assertEquals(443, ServerAddress.parse("example.test", 443).port());
        assertEquals(8080, ServerAddress.parse("example.test:8080", 443).port());
    }

    @Test
    void unixAddressKeepsItsPath() throws ServerAddress.Invalid {
        ServerAddress address = ServerAddress.parse("unix:/run/app.sock", 80);
        assertEquals(new ServerAddress("/run/app.sock", 0, true), address);
        assertEquals(List.of(UnixDomainSocketAddress.of(Path.of("/run/app.sock"))), address.resolve(RESOLVER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "->", textBlock = """
            127.0.0.1:0         -> invalid port
            127.0.0.1:65536     -> invalid port
            127.0.0.1:99999     -> invalid port
            127.0.0.1:          -> invalid port
            127.0.0.1:8o        -> invalid port
            127.0.0.1:-1        -> invalid port
            ::1                 -> invalid port
            :80                 -> no host
            127.0.0.1/x         -> invalid host
            127.0.0.1:80/x      -> invalid host
            127.0.0.1?x         -> invalid host
            [::1                -> invalid host
            [::1]x              -> invalid host
            [::1]/x             -> invalid host
            [::1]:              -> invalid port
            [::1]:0             -> invalid port
            []:80               -> no host
            [zz]:80             -> invalid IPv6 address
            [127.0.0.1]         -> invalid IPv6 address
            [fe80::1%lo]        -> invalid IPv6 address
            unix:               -> no path in the unix domain socket
            """)
    void badAddressIsRefusedWithNginxReason(String text, String reason) {
        ServerAddress.Invalid e = assertThrows(ServerAddress.Invalid.class, () -> ServerAddress.parse(text, 80));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void hostWithTwoAddressesResolvesToBoth() throws ServerAddress.Invalid {
        assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 8080),
                        new InetSocketAddress(InetAddress.ofLiteral("127.0.0.3"), 8080)),
                ServerAddress.parse("backend.test:8080", 80).resolve(RESOLVER));
    }

    @Test
    void literalResolvesToItself() throws ServerAddress.Invalid {
        assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("::1"), 9000)),
                ServerAddress.parse("[::1]:9000", 80).resolve(RESOLVER));
    }

    @Test
    void unknownHostIsHostNotFound() throws ServerAddress.Invalid {
        ServerAddress address = ServerAddress.parse("nosuch.invalid:8080", 80);
        ServerAddress.Invalid e = assertThrows(ServerAddress.Invalid.class, () -> address.resolve(RESOLVER));
        assertEquals("host not found", e.getMessage());
    }

    @Test
    void hostWithNoAddressesIsHostNotFound() throws ServerAddress.Invalid {
        ServerAddress address = ServerAddress.parse("empty.test", 80);
        ServerAddress.Invalid e = assertThrows(ServerAddress.Invalid.class, () -> address.resolve(host -> List.of()));
        assertEquals("host not found", e.getMessage());
    }
}
