package dev.ferry.conf.syntax;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** File-name matching as glob(3) does it for include. */
class GlobTest {

    @ParameterizedTest(name = "\"{0}\" against \"{1}\" is {2}")
    @CsvSource(delimiter = ' ', value = {
            "*.conf a.conf true",
            "*.conf a.confx false",
            "*.conf .hidden.conf false",
            ".*.conf .hidden.conf true",
            "?.conf ab.conf false",
            "??.conf ab.conf true",
            "?conf .conf false",
            "[ab].conf b.conf true",
            "[ab].conf c.conf false",
            "[a-c]x bx true",
            "[!a-c]x dx true",
            "[^a-c]x bx false",
            "[]]x ]x true",
            "[x x false",
            "[x [x true",
            "\\*.conf *.conf true",
            "\\*.conf a.conf false",
            "a*b*c aXXbYYc true",
            "a*b*c aXXbYY false",
            "* anything true",
    })
    void fileNameMatchesLikeFnmatchWithLeadingPeriod(String pattern, String name, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, name));
    }

    @ParameterizedTest(name = "\"{0}\" is a pattern: {1}")
    @CsvSource(delimiter = ' ', value = {
            "/etc/nginx/conf.d/*.conf true",
            "/etc/nginx/site?.conf true",
            "/etc/nginx/[ab].conf true",
            "/etc/nginx/plain.conf false",
            "/etc/nginx/a{b,c}.conf false",
    })
    void onlyStarQuestionMarkAndBracketMakeAPattern(String path, boolean expected) {
        assertEquals(expected, Glob.isPattern(path));
    }
}
