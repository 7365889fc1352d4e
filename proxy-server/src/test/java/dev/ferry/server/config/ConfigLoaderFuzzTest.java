package dev.ferry.server.config;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.conf.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of full configurations through the whole load (grammar, every
 * module's checks and binders): the outcome is a configuration or a {@link ConfigException},
 * never another exception. {@code -Dferry.fuzz.iterations=N} runs longer; a failure prints its
 * seed and input and becomes a row of {@link ConfigLoaderTest}.
 */
class ConfigLoaderFuzzTest {

    private static final int ITERATIONS = Integer.getInteger("ferry.fuzz.iterations", 3000);
    private static final long SEED = Long.getLong("ferry.fuzz.seed", 20260102L);

    private static final List<String> SEEDS = List.of(
            """
            worker_processes 2;
            pid logs/ferry.pid;
            error_log logs/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format main escape=json '$remote_addr "$request" $status $upstream_addr $request_time';
                access_log logs/access.log main buffer=32k flush=5s;
                client_max_body_size 10m; client_body_buffer_size 16k; client_header_timeout 10s;
                large_client_header_buffers 4 16k; keepalive_timeout 65s 60s; keepalive_requests 100;
                underscores_in_headers on; ignore_invalid_headers off; merge_slashes off; server_tokens off;
                upstream app { least_conn; server 127.0.0.1:8080 weight=2 max_fails=3 fail_timeout=10s; server 127.0.0.2:8081 backup;
                               keepalive 16; keepalive_timeout 30s; keepalive_requests 50; }
                upstream h { hash $request_uri consistent; server 127.0.0.3:80; server backend.test:81 max_conns=5; }
                upstream r { random two least_conn; server 127.0.0.4; server 127.0.0.5 down; }
                map $http_upgrade $conn { default upgrade; '' close; ~^x "y z"; }
                map $host $pool { hostnames; .example.com app; default h; }
                server {
                    listen 127.0.0.1:8080 default_server backlog=511 reuseport; server_name example.com *.example.com ~^(?<sub>.+)\\.test$;
                    error_page 502 503 =200 /fallback; error_page 404 @named;
                    add_header X-Frame-Options DENY always;
                    location = /healthz { return 204; }
                    location ~* \\.(gif|jpg)$ { return 301 https://example.com$request_uri; }
                    location ^~ /static/ { return 200 "static $uri"; }
                    location /api/ { proxy_pass http://app/v1/; proxy_set_header Host $host; proxy_http_version 1.1;
                                     proxy_read_timeout 5s; proxy_connect_timeout 1s; proxy_next_upstream error timeout http_502;
                                     proxy_next_upstream_tries 3; proxy_buffering off; proxy_buffers 8 4k; proxy_buffer_size 4k;
                                     proxy_redirect http://app/ /; proxy_hide_header X-Secret; proxy_intercept_errors on; }
                    location /dyn { proxy_pass http://$pool$request_uri; }
                    location @named { return 404 "named"; }
                    location /fallback { return 200 fallback; }
                }
            }
            vrrp_instance VI_1 { state BACKUP; interface lo; virtual_router_id 51; priority 150; advert_int 1s;
                                 virtual_ipaddress 192.0.2.100/24; track_upstream app weight=-60; unicast_peer 192.0.2.2; }
            """,
            "events{}http{server{listen 8080;location /{return 200 \"a\\\"b\\n\";}}}",
            "events {}\nhttp { upstream u { ip_hash; server 127.0.0.1:1; } server { listen 9000; location / { proxy_pass http://u; } } }\n");

    private static final String INTERESTING = "{};\"'\\$# \t\n0123456789=:/.-~^*@km";

    static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !s.isEmpty(); m++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> s.setCharAt(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                case 1 -> s.insert(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                case 2 -> s.deleteCharAt(at);
                case 3 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
                case 4 -> {
                    int end = Math.min(s.length(), at + 1 + random.nextInt(30));
                    s.insert(random.nextInt(s.length()), s.substring(at, end));
                }
                default -> {
                    // a number somewhere becomes huge, negative or zero
                    String[] numbers = {"0", "-1", "99999999999999999999", "2147483648", "1k", "0s", "9223372036854775807"};
                    s.insert(at, numbers[random.nextInt(numbers.length)]);
                }
            }
        }
        return s.toString();
    }

    @TempDir
    Path dir;

    @Test
    void theSeedsLoad() throws IOException {
        Path file = dir.resolve("conf/seed.conf");
        Files.createDirectories(file.getParent());
        for (String seed : SEEDS) {
            Files.writeString(file, seed, StandardCharsets.UTF_8);
            new ConfigLoader(dir, ConfigLoaderTest.RESOLVER, 8000).load(file, null); // mutations start from valid ground
        }
    }

    @Test
    void anyConfigurationLoadsOrIsRefusedWithAConfigException() throws IOException {
        Random random = new Random(SEED);
        Path file = dir.resolve("conf/ferry.conf");
        Files.createDirectories(file.getParent());
        for (int i = 0; i < ITERATIONS; i++) {
            String text = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            if (text.contains("include")) {
                continue; // no reading of arbitrary files
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            try {
                new ConfigLoader(dir, ConfigLoaderTest.RESOLVER, 8000).load(file, null);
            } catch (ConfigException expected) {
                // refused in nginx's words
            } catch (RuntimeException | StackOverflowError e) {
                fail("iteration " + i + " (seed " + SEED + ") threw " + e + " for:\n" + text, e);
            }
        }
    }
}
