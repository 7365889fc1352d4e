package dev.ferry.server.routing;

import dev.ferry.server.vars.Template;
import dev.ferry.conf.SourcePosition;
import dev.ferry.server.config.LocationAction;
import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.config.LocationConfig.Match;
import dev.ferry.server.config.ProxyPass;
import dev.ferry.server.config.ReturnAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * nginx's location search (SPEC-nginx.md §6.3): the reference table, nested locations and
 * the {@code ^~} quirk, and the auto-redirect of proxying locations. Results are written
 * as the location's modifier and name, e.g. {@code "^~ /images/"}, or {@code "301 /api/"}
 * for a redirect and {@code "none"} when nothing matched.
 */
class LocationMatcherTest {

    private static final SourcePosition AT = SourcePosition.of(Path.of("/test/nginx.conf"), 1);

    /** The reference configuration of §6.3, in config order. */
    private static final List<LocationConfig> REFERENCE = List.of(
            exact("/"),
            prefix("/"),
            noRegex("/images/"),
            caseless("\\.(gif|jpg|jpeg)$"),
            regex("casefull"),
            exact("/foo"),
            prefix("/foo"),
            exact("/foo/"),
            prefix("/foo/"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "->", textBlock = """
            /                -> = /
            /x               -> /
            /images/t.gif    -> ^~ /images/
            /t.GIF           -> ~* \\.(gif|jpg|jpeg)$
            /casefull/t.gif  -> ~* \\.(gif|jpg|jpeg)$
            /casefull/       -> ~ casefull
            /foo             -> = /foo
            /foobar          -> /foo
            /foo/            -> = /foo/
            /foo/bar         -> /foo/
            """)
    void referenceTableOfTheSpecMatches(String uri, String expected) {
        assertEquals(expected, find(REFERENCE, uri));
    }

    // --- nested locations

    @Test
    void nestedPrefixIsSearchedInsideTheLongestPrefix() {
        List<LocationConfig> level = List.of(prefix("/"), prefix("/a/", prefix("/a/b/"), exact("/a/e")));
        assertEquals("/a/b/", find(level, "/a/b/c"));
        assertEquals("/a/", find(level, "/a/x"));
        assertEquals("= /a/e", find(level, "/a/e"));
        assertEquals("/", find(level, "/b"));
    }

    @Test
    void outerRegexStillBeatsANestedPrefix() {
        List<LocationConfig> level = List.of(prefix("/a/", prefix("/a/b/")), regex("\\.gif$"));
        assertEquals("~ \\.gif$", find(level, "/a/b/x.gif"));
        assertEquals("/a/b/", find(level, "/a/b/x.png"));
    }

    @Test
    void nestedCaretTildeDoesNotStopTheOuterRegexes() {
        List<LocationConfig> level = List.of(
                prefix("/a/", noRegex("/a/b/")),
                noRegex("/top/"),
                regex("\\.gif$"));
        // ^~ stops regexes only at the level where it is the longest match.
        assertEquals("~ \\.gif$", find(level, "/a/b/x.gif"));
        assertEquals("^~ /top/", find(level, "/top/x.gif"));
    }

    @Test
    void nestedCaretTildeStopsTheRegexesOfItsOwnLevel() {
        List<LocationConfig> level = List.of(prefix("/a/", noRegex("/a/b/"), regex("\\.gif$")));
        assertEquals("^~ /a/b/", find(level, "/a/b/x.gif"));
        assertEquals("~ \\.gif$", find(level, "/a/c/x.gif"));
    }

    @Test
    void outerCaretTildeStopsTheOuterRegexesAboveANestedPrefix() {
        List<LocationConfig> level = List.of(noRegex("/s/", prefix("/s/t/")), regex("\\.gif$"));
        assertEquals("/s/t/", find(level, "/s/t/x.gif"));
    }

    @Test
    void nestedRegexWinsBeforeTheOuterRegexes() {
        List<LocationConfig> level = List.of(prefix("/a/", regex("\\.png$")), caseless("\\.PNG$"));
        assertEquals("~ \\.png$", find(level, "/a/x.png"));
        assertEquals("~* \\.PNG$", find(level, "/b/x.png"));
    }

    @Test
    void caretTildeLocationStillSearchesItsOwnNestedRegexes() {
        List<LocationConfig> level = List.of(noRegex("/i/", regex("\\.png$")), regex("\\.png$|\\.txt$"));
        assertEquals("~ \\.png$", find(level, "/i/a.png"));
        assertEquals("^~ /i/", find(level, "/i/a.txt"));
    }

    @Test
    void matchedRegexLocationSearchesItsNestedRegexes() {
        List<LocationConfig> level = List.of(prefix("/"), regex("^/r/", regex("\\.png$")));
        assertEquals("~ \\.png$", find(level, "/r/a.png"));
        assertEquals("~ ^/r/", find(level, "/r/a.txt"));
        assertEquals("/", find(level, "/s/a.png"));
    }

    @Test
    void regexesAreTriedInConfigOrder() {
        List<LocationConfig> level = List.of(regex("^/a"), regex("^/ab"));
        assertEquals("~ ^/a", find(level, "/abc"));
    }

    @Test
    void regexIsCaseSensitiveUnlessTildeStar() {
        List<LocationConfig> level = List.of(regex("\\.gif$"));
        assertEquals("none", find(level, "/x.GIF"));
        assertEquals("~ \\.gif$", find(level, "/x.gif"));
    }

    @Test
    void prefixComparisonIsCaseSensitive() {
        assertEquals("none", find(List.of(prefix("/Api/")), "/api/x"));
    }

    @Test
    void namedLocationsAreNeverMatchedByUri() {
        List<LocationConfig> level = List.of(named("@fallback"));
        LocationMatcher.Result result = LocationMatcher.find(level, "/");
        assertNull(result.location());
        assertNull(result.redirectTo());
    }

    // --- auto-redirect (§5.1, §6.3)

    @Test
    void uriOneSlashShortOfAProxyingPrefixIsRedirected() {
        List<LocationConfig> level = List.of(prefix("/"), proxying(prefix("/api/")));
        LocationMatcher.Result result = LocationMatcher.find(level, "/api");
        assertEquals("/api/", result.redirectTo());
        assertNull(result.location());
        assertEquals("/api/", find(level, "/api/"));
        assertEquals("/", find(level, "/ap"));
    }

    @Test
    void exactProxyingLocationIsRedirectedToo() {
        assertEquals("301 /api/", find(List.of(proxying(exact("/api/"))), "/api"));
    }

    @Test
    void locationThatDoesNotProxyIsNotRedirected() {
        List<LocationConfig> level = List.of(prefix("/"), returning(prefix("/api/")));
        assertEquals("/", find(level, "/api"));
    }

    @Test
    void exactLocationNamedLikeTheShortUriTakesPrecedence() {
        List<LocationConfig> level = List.of(proxying(prefix("/api/")), exact("/api"));
        assertEquals("= /api", find(level, "/api"));
    }

    @Test
    void prefixLocationNamedLikeTheShortUriTakesPrecedence() {
        List<LocationConfig> level = List.of(proxying(prefix("/api/")), prefix("/api"));
        assertEquals("/api", find(level, "/api"));
    }

    @Test
    void regexesAreNeverConsultedForTheRedirect() {
        List<LocationConfig> level = List.of(regex("^/api$"), proxying(prefix("/api/")), caseless("api"));
        assertEquals("301 /api/", find(level, "/api"));
    }

    @Test
    void nestedProxyingLocationIsRedirected() {
        List<LocationConfig> level = List.of(prefix("/a/", proxying(prefix("/a/b/"))), regex("b$"));
        assertEquals("301 /a/b/", find(level, "/a/b"));
    }

    // --- building locations

    private static String find(List<LocationConfig> level, String uri) {
        LocationMatcher.Result result = LocationMatcher.find(level, uri);
        if (result.redirectTo() != null) {
            return "301 " + result.redirectTo();
        }
        return result.location() == null ? "none" : label(result.location());
    }

    private static String label(LocationConfig l) {
        return switch (l.match()) {
            case EXACT -> "= " + l.name();
            case PREFIX, NAMED -> l.name();
            case PREFIX_NO_REGEX -> "^~ " + l.name();
            case REGEX -> "~ " + l.name();
            case REGEX_CASELESS -> "~* " + l.name();
        };
    }

    private static LocationConfig exact(String name) {
        return location(Match.EXACT, name, null);
    }

    private static LocationConfig prefix(String name, LocationConfig... nested) {
        return location(Match.PREFIX, name, null, nested);
    }

    private static LocationConfig noRegex(String name, LocationConfig... nested) {
        return location(Match.PREFIX_NO_REGEX, name, null, nested);
    }

    private static LocationConfig regex(String source, LocationConfig... nested) {
        return location(Match.REGEX, source, Pattern.compile(source), nested);
    }

    private static LocationConfig caseless(String source, LocationConfig... nested) {
        return location(Match.REGEX_CASELESS, source, Pattern.compile(source, Pattern.CASE_INSENSITIVE), nested);
    }

    private static LocationConfig named(String name) {
        return location(Match.NAMED, name, null);
    }

    private static LocationConfig location(Match match, String name, Pattern regex, LocationConfig... nested) {
        return new LocationConfig(match, name, regex, null, null, List.of(nested), AT);
    }

    private static LocationConfig proxying(LocationConfig l) {
        LocationAction proxy = new LocationAction.Proxy(new ProxyPass("backend", "backend", "backend", null, null, AT));
        return new LocationConfig(l.match(), l.name(), l.regex(), proxy, null, l.nested(), l.position());
    }

    private static LocationConfig returning(LocationConfig l) {
        LocationAction ret = new LocationAction.Return(new ReturnAction(200, Template.literal("ok")));
        return new LocationConfig(l.match(), l.name(), l.regex(), ret, null, l.nested(), l.position());
    }
}
