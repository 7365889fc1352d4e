package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.server.config.ServerSettings;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ignore_invalid_headers, underscores_in_headers and TRACE, as nginx applies them. */
class RequestValidatorTest {

    private static ServerSettings settings(boolean ignoreInvalid, boolean underscores) {
        return new ServerSettings(Duration.ofSeconds(60), 1024, 4, 8192, ignoreInvalid, underscores, true);
    }

    private static HttpRequest request(String... headers) {
        DefaultHttpHeaders h = new DefaultHttpHeaders(false);
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", h);
    }

    /** @param kept the header names left, in order, with (ignore_invalid_headers, underscores_in_headers) */
    record Case(String name, boolean ignoreInvalid, boolean underscores, boolean kept) {
        @Override
        public String toString() {
            return "\"" + name + "\" ignore_invalid_headers " + (ignoreInvalid ? "on" : "off")
                    + ", underscores_in_headers " + (underscores ? "on" : "off") + " -> " + (kept ? "kept" : "dropped");
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("X-Plain-123", true, false, true),
                new Case("X_Under", true, false, false),
                new Case("X_Under", true, true, true),
                new Case("X_Under", false, false, true),
                new Case("X.Dot", true, false, false),
                new Case("X.Dot", true, true, false),
                new Case("X.Dot", false, false, true),
                new Case("X@At", true, false, false),
                new Case("X\u00e9", true, true, false),
                new Case("X\u00e9", false, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHeaderNameIsKeptOrDroppedAsNginxDoes(Case c) {
        HttpRequest request = request("Host", "h", c.name(), "v", "After", "a");
        RequestValidator.Result result = RequestValidator.check(request, settings(c.ignoreInvalid(), c.underscores()));
        List<String> names = new ArrayList<>(request.headers().names());
        assertEquals(c.kept() ? List.of("Host", c.name(), "After") : List.of("Host", "After"),
                names.stream().sorted((a, b) -> order(a) - order(b)).toList());
        assertEquals(c.kept() ? List.of() : List.of(c.name() + ": v"), result.ignored());
        assertEquals(0, result.status());
    }

    private static int order(String name) {
        return switch (name) {
            case "Host" -> 0;
            case "After" -> 2;
            default -> 1;
        };
    }

    @Test
    void everyLineOfADroppedNameIsReported() {
        HttpRequest request = request("X_A", "1", "Host", "h", "x_a", "2");
        RequestValidator.Result result = RequestValidator.check(request, settings(true, false));
        assertEquals(List.of("Host"), new ArrayList<>(request.headers().names()));
        assertEquals(2, result.ignored().size());
    }

    @Test
    void traceIs405() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.TRACE, "/");
        RequestValidator.Result result = RequestValidator.check(request, settings(true, false));
        assertEquals(405, result.status());
        assertEquals("client sent TRACE method", result.message());
    }
}
