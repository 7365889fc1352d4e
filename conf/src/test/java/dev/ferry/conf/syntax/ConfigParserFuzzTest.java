package dev.ferry.conf.syntax;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Context;
import dev.ferry.conf.DirectiveHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of real configurations: whatever the text, the parser either reads
 * it or throws a {@link ConfigException} with nginx's words, never anything else, and never
 * hangs. {@code -Dferry.fuzz.iterations=N} runs longer; a failure prints its seed and input,
 * and becomes a row of {@link ConfigParserTableTest}.
 */
class ConfigParserFuzzTest {

    private static final int ITERATIONS = Integer.getInteger("ferry.fuzz.iterations", 5000);
    private static final long SEED = Long.getLong("ferry.fuzz.seed", 20260101L);

    /** Opens a block for any block directive, "types" (and "map") raw, as the real modules do. */
    private static final DirectiveHandler HANDLER = (head, context) -> {
        if (!head.isBlock()) {
            return null;
        }
        return head.name().equals("types") || head.name().equals("map") ? Context.TYPES : context;
    };

    static final List<String> SEEDS = List.of(
            """
            worker_processes 2;
            events { worker_connections 1024; }
            http {
                log_format main '$remote_addr - "$request" $status';
                upstream app { server 10.0.0.1:8080 weight=2 max_fails=3; server b.test backup; keepalive 16; }
                map $http_upgrade $conn { default upgrade; '' close; ~^x "y z"; }
                server {
                    listen 80 default_server; server_name example.com *.example.com ~^(?<sub>.+)\\.test$;
                    location = /healthz { return 204; }
                    location ~* \\.(gif|jpg)$ { return 301 https://example.com$request_uri; }
                    location /api/ { proxy_pass http://app/v1/; proxy_set_header Host $host; }
                }
            }
            """,
            "events{}http{server{listen 8080;location /{return 200 \"a\\\"b\\n\";}}}",
            "# comment\nhttp { types { text/html html htm; } }\nevents {}\n",
            "vrrp_instance VI_1 { state MASTER; interface eth0; virtual_router_id 51; virtual_ipaddress 192.0.2.1/24; }\n",
            "events {}\nhttp { server { location /a { location /a/b { return 200 '${x}y'; } } } }\n");

    /** Bytes that matter to the grammar, and a few that should not. */
    private static final String INTERESTING = "{};\"'\\$# \t\r\n\0()^~*=/:";

    static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(6);
        for (int m = 0; m < mutations && !s.isEmpty(); m++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(7)) {
                case 0 -> s.setCharAt(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                case 1 -> s.insert(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                case 2 -> s.deleteCharAt(at);
                case 3 -> {
                    int end = Math.min(s.length(), at + 1 + random.nextInt(40));
                    s.delete(at, end);
                }
                case 4 -> {
                    int end = Math.min(s.length(), at + 1 + random.nextInt(40));
                    s.insert(random.nextInt(s.length()), s.substring(at, end)); // duplicate a run
                }
                case 5 -> s.setCharAt(at, (char) random.nextInt(0x3000)); // any character, non-ASCII too
                default -> s.setLength(at); // truncated
            }
        }
        return s.toString();
    }

    @TempDir
    Path dir;

    @Test
    void anyTextIsReadOrRefusedWithAConfigException() {
        Random random = new Random(SEED);
        Path file = dir.resolve("nginx.conf");
        for (int i = 0; i < ITERATIONS; i++) {
            String text = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            try {
                ConfigParser.parseString(text, file, HANDLER);
            } catch (ConfigException expected) {
                // nginx's words for what is wrong: fine
            } catch (RuntimeException | StackOverflowError e) {
                fail("iteration " + i + " (seed " + SEED + ") threw " + e + " for:\n" + text, e);
            }
        }
    }
}
