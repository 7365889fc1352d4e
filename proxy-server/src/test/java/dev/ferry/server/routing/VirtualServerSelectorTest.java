package dev.ferry.server.routing;

import dev.ferry.conf.SourcePosition;
import dev.ferry.server.config.ListenConfig;
import dev.ferry.server.config.VirtualServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Choosing the server block by host name on one listen address (SPEC-nginx.md §6.2):
 * exact, longest leading wildcard, longest trailing wildcard, regexes in config order, then
 * the default server. Names are given as the binder stores them (lowercased, regexes as written).
 */
class VirtualServerSelectorTest {

    private static final SourcePosition AT = SourcePosition.of(Path.of("/test/nginx.conf"), 1);

    @Test
    void exactNameBeatsWildcardsAndRegexes() {
        VirtualServer leading = server("*.example.com");
        VirtualServer trailing = server("www.example.*");
        VirtualServer regex = server("~^www\\.");
        VirtualServer exact = server("www.example.com");
        VirtualServerSelector selector = selector(List.of(leading, trailing, regex, exact), leading);
        assertSame(exact, selector.select("www.example.com"));
    }

    @Test
    void longestLeadingWildcardWins() {
        VirtualServer shorter = server("*.example.com");
        VirtualServer longer = server("*.www.example.com");
        VirtualServer fallback = server("fallback");
        VirtualServerSelector selector = selector(List.of(shorter, longer, fallback), fallback);
        assertSame(longer, selector.select("a.www.example.com"));
        assertSame(shorter, selector.select("a.b.example.com"));
        // "*.example.com" needs a label before ".example.com".
        assertSame(fallback, selector.select("example.com"));
    }

    @Test
    void leadingWildcardBeatsTrailingWildcard() {
        VirtualServer trailing = server("www.example.*");
        VirtualServer leading = server("*.example.com");
        VirtualServerSelector selector = selector(List.of(trailing, leading), trailing);
        assertSame(leading, selector.select("www.example.com"));
        assertSame(trailing, selector.select("www.example.org"));
    }

    @Test
    void longestTrailingWildcardWins() {
        VirtualServer shorter = server("www.*");
        VirtualServer longer = server("www.example.*");
        VirtualServer fallback = server("fallback");
        VirtualServerSelector selector = selector(List.of(shorter, longer, fallback), fallback);
        assertSame(longer, selector.select("www.example.co.uk"));
        assertSame(shorter, selector.select("www.other.org"));
        assertSame(fallback, selector.select("www"));
    }

    @Test
    void trailingWildcardBeatsRegex() {
        VirtualServer regex = server("~^www");
        VirtualServer trailing = server("www.*");
        VirtualServerSelector selector = selector(List.of(regex, trailing), regex);
        assertSame(trailing, selector.select("www.example.org"));
    }

    @Test
    void regexesAreTriedInConfigOrder() {
        VirtualServer first = server("~^api\\d+\\.");
        VirtualServer second = server("~^api");
        VirtualServer fallback = server("fallback");
        VirtualServerSelector selector = selector(List.of(fallback, first, second), fallback);
        assertSame(first, selector.select("api1.example.com"));
        assertSame(second, selector.select("api.example.com"));
        assertSame(fallback, selector.select("www.example.com"));
    }

    @Test
    void regexNamesAreCaseInsensitive() {
        VirtualServer regex = server("~^API\\.EXAMPLE\\.");
        VirtualServer fallback = server("fallback");
        VirtualServerSelector selector = selector(List.of(fallback, regex), fallback);
        assertSame(regex, selector.select("api.example.com"));
    }

    @Test
    void dotNameMatchesTheDomainAndItsSubdomains() {
        VirtualServer dotted = server(".example.com");
        VirtualServer fallback = server("fallback");
        VirtualServerSelector selector = selector(List.of(fallback, dotted), fallback);
        assertSame(dotted, selector.select("example.com"));
        assertSame(dotted, selector.select("www.example.com"));
        assertSame(fallback, selector.select("badexample.com"));
    }

    @Test
    void emptyNameMatchesARequestWithoutHost() {
        VirtualServer named = server("example.com");
        VirtualServer noHost = server("");
        VirtualServerSelector selector = selector(List.of(named, noHost), named);
        assertSame(noHost, selector.select(""));
        assertSame(named, selector.select("other.org"));
    }

    @Test
    void unknownHostGoesToTheDefaultServer() {
        VirtualServer first = server("a.example.com");
        VirtualServer marked = server("b.example.com");
        VirtualServerSelector selector = selector(List.of(first, marked), marked);
        assertSame(marked, selector.select("c.example.com"));
        assertSame(first, selector.select("a.example.com"));
    }

    @Test
    void firstServerWithANameWinsAConflict() {
        VirtualServer first = server("example.com");
        VirtualServer second = server("example.com");
        VirtualServerSelector selector = selector(List.of(first, second), second);
        assertSame(first, selector.select("example.com"));
    }

    private static VirtualServerSelector selector(List<VirtualServer> servers, VirtualServer defaultServer) {
        return new VirtualServerSelector(servers, defaultServer);
    }

    private static VirtualServer server(String... names) {
        ListenConfig listen = new ListenConfig(null, 8080, false, ListenConfig.DEFAULT_BACKLOG, false, AT);
        return new VirtualServer(List.of(listen), List.of(names), null, List.of(), null, null, AT);
    }
}
