package dev.ferry.bench;

import dev.ferry.server.config.ConfigLoader;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.upstream.config.HostResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Config files for the benchmarks: the shipped demo and generated larger ones, in a temp directory. */
final class Configs {

    /** IP literals only: a benchmark must never wait for DNS. */
    static final HostResolver LITERALS = host -> List.of(InetAddress.ofLiteral(host));

    private Configs() {
    }

    static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("ferry-jmh");
            Files.createDirectories(dir.resolve("logs"));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** conf/ferry.conf as shipped (copied onto the classpath by the module's pom). */
    static Path demo(Path dir) {
        try (InputStream in = Configs.class.getResourceAsStream("ferry.conf")) {
            Path file = dir.resolve("ferry.conf");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FerryConfig load(Path dir, Path file) {
        return new ConfigLoader(dir, LITERALS, 8000).load(file, null);
    }

    /**
     * A config the size of a busy site: {@code upstreams} groups of 4 weighted servers, and
     * {@code servers} virtual servers of 10 locations each (prefix, exact, regex, nested),
     * with headers, timeouts and a log format.
     */
    static String large(int upstreams, int servers) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("error_log stderr notice;\nworker_processes 1;\nevents { worker_connections 4096; }\n");
        b.append("http {\n");
        b.append("    log_format main '$remote_addr - $remote_user [$time_local] \"$request\" $status '\n");
        b.append("                    '$body_bytes_sent \"$http_referer\" \"$http_user_agent\" $upstream_addr';\n");
        b.append("    access_log off;\n    client_max_body_size 10m;\n    proxy_read_timeout 30s;\n");
        b.append("    proxy_set_header Host $host;\n    proxy_set_header X-Real-IP $remote_addr;\n");
        for (int u = 0; u < upstreams; u++) {
            b.append("    upstream app").append(u).append(" {\n");
            if (u % 3 == 1) {
                b.append("        least_conn;\n");
            } else if (u % 3 == 2) {
                b.append("        hash $request_uri consistent;\n");
            }
            for (int s = 0; s < 4; s++) {
                b.append("        server 10.").append(u / 250).append('.').append(u % 250).append('.').append(s + 1)
                        .append(":8080 weight=").append(s + 1).append(" max_fails=3 fail_timeout=10s;\n");
            }
            b.append("        keepalive 64;\n    }\n");
        }
        for (int v = 0; v < servers; v++) {
            String app = "app" + (v % upstreams);
            b.append("    server {\n        listen 127.0.0.1:").append(20000 + v % 50).append(";\n");
            b.append("        server_name site").append(v).append(".example.com *.site").append(v).append(".example.org;\n");
            b.append("        location = /healthz { return 204; }\n");
            b.append("        location / { proxy_pass http://").append(app).append("; }\n");
            b.append("        location /api/ { proxy_pass http://").append(app).append("/v1/;\n");
            b.append("            proxy_set_header X-Site site").append(v).append(";\n");
            b.append("            location /api/admin/ { return 403; }\n        }\n");
            b.append("        location ^~ /static/ { proxy_pass http://").append(app).append("; proxy_buffering on; }\n");
            b.append("        location ~* \\.(png|jpg|gif|css|js)$ { proxy_pass http://").append(app).append("; }\n");
            b.append("        location ~ ^/user/(\\d+)/profile$ { proxy_pass http://").append(app).append("/profile?id=$1; }\n");
            b.append("        location /old/ { return 301 https://site").append(v).append(".example.com/new/; }\n");
            b.append("        location = /robots.txt { return 200 \"User-agent: *\\n\"; }\n");
            b.append("        location @fallback { proxy_pass http://").append(app).append("; }\n");
            b.append("    }\n");
        }
        b.append("}\n");
        return b.toString();
    }
}
