package dev.ferry.bench;

import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.LocationConfig;
import dev.ferry.server.routing.LocationMatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * nginx's location search over one server of 50 locations (exact, prefix, {@code ^~}, regex,
 * nested), for a URI that ends at each kind of match. LocationMatcher walks the list linearly
 * where nginx uses a static tree, so this is where a long config shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LocationMatchBench {

    @Param({"/api/v3/orders/1234", "/healthz", "/static/css/site.css", "/images/logo.png",
            "/user/42/profile", "/nothing/matches/here"})
    public String uri;

    private List<LocationConfig> locations;

    @Setup
    public void setUp() {
        StringBuilder b = new StringBuilder("events {}\nhttp {\n  upstream app { server 127.0.0.1:9001; }\n");
        b.append("  server {\n    listen 127.0.0.1:9000;\n");
        String[] areas = {"api", "shop", "blog", "docs", "admin", "media", "auth", "search"};
        for (String area : areas) {                  // 8 areas x 3 prefix locations = 24
            for (int v = 1; v <= 3; v++) {
                b.append("    location /").append(area).append("/v").append(v).append("/ { proxy_pass http://app; }\n");
            }
        }
        for (String exact : List.of("/healthz", "/ready", "/favicon.ico", "/robots.txt", "/sitemap.xml",
                "/login", "/logout", "/status")) {    // 8 exact
            b.append("    location = ").append(exact).append(" { return 200; }\n");
        }
        for (String noRegex : List.of("/static/", "/assets/", "/downloads/")) {   // 3 ^~
            b.append("    location ^~ ").append(noRegex).append(" { proxy_pass http://app; }\n");
        }
        b.append("    location /account/ {\n");                                     // 1 + 3 nested
        b.append("      location /account/settings/ { return 200; }\n");
        b.append("      location /account/billing/ { return 200; }\n");
        b.append("      location ~ ^/account/(\\d+)$ { return 200; }\n    }\n");
        for (String regex : List.of("~ \\.php$", "~ ^/user/(\\d+)/profile$", "~* \\.(png|jpg|jpeg|gif|webp)$",
                "~* \\.(css|js)$", "~ ^/feed/(rss|atom)$", "~ /wp-admin", "~* ^/download/.*\\.zip$",
                "~ ^/legacy/(.*)$", "~ \\.map$", "~ ^/graphql$")) {                // 10 regex
            b.append("    location ").append(regex).append(" { proxy_pass http://app; }\n");
        }
        b.append("    location / { proxy_pass http://app; }\n  }\n}\n");   // 50 in all
        Path dir = Configs.tempDir();
        FerryConfig config = Configs.load(dir, Configs.write(dir, "locations.conf", b.toString()));
        locations = config.http().servers().getFirst().locations();
        if (LocationMatcher.find(locations, uri).location() == null) {
            throw new IllegalStateException("no location for " + uri);
        }
    }

    @Benchmark
    public LocationMatcher.Result find() {
        return LocationMatcher.find(locations, uri);
    }
}
