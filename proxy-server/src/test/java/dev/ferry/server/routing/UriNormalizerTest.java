package dev.ferry.server.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A request path turned into nginx's {@code $uri} ({@code ngx_http_parse_complex_uri},
 * SPEC-nginx.md §6.3), or refused (null, which the server answers with 400).
 */
class UriNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "->", textBlock = """
            /                  -> /
            /a/b               -> /a/b
            /a%20b             -> /a b
            /%41%42c           -> /ABc
            /caf%C3%A9         -> /café
            /a%2fb             -> /a/b
            /a//b              -> /a/b
            //a///b//          -> /a/b/
            /a/./b             -> /a/b
            /a/.               -> /a/
            /.                 -> /
            /a/../b            -> /b
            /a/b/..            -> /a/
            /a/b/../../c       -> /c
            /a/%2e%2e/b        -> /b
            /a/...             -> /a/...
            /a/b/              -> /a/b/
            /a/.b              -> /a/.b
            """)
    void pathIsDecodedMergedAndResolved(String path, String expected) {
        assertEquals(expected, UriNormalizer.normalize(path));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            "/..",            // above the root
            "/a/../..",       // above the root after climbing back
            "/%2e%2e",        // an encoded .. is still above the root
            "/a%",            // escape cut short
            "/a%4",           // escape cut short
            "/a%zz",          // not hex
            "/a%g1",          // not hex
            "/a%00b",         // a decoded NUL
            "a/b",            // does not start with /
            ""})
    void badPathIsRefused(String path) {
        assertNull(UriNormalizer.normalize(path));
    }
}
