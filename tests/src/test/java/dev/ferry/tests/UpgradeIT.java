package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrade (WebSocket) through the proxy: the 101 passes, then bytes flow both ways untouched. */
class UpgradeIT {

    @TempDir
    Path prefix;

    @Test
    void aWebSocketRoundTripGoesThroughTheTunnel() throws Exception {
        try (TestBackend backend = new TestBackend((request, out) -> {
            if (!"websocket".equalsIgnoreCase(request.header("Upgrade"))) {
                TestBackend.respond(out, 400, "", "no upgrade".getBytes());
                return false;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + request.header("Sec-WebSocket-Key") + "\r\n\r\n").getBytes());
            out.flush();
            echo(request, out);
            return false;
        })) {
            int port = Launcher.freePort();
            String conf = """
                    events {}
                    http {
                        map $http_upgrade $connection_upgrade {
                            default upgrade;
                            ''      close;
                        }
                        server {
                            listen 127.0.0.1:%d;
                            location /ws {
                                proxy_pass http://127.0.0.1:%d;
                                proxy_http_version 1.1;
                                proxy_set_header Upgrade $http_upgrade;
                                proxy_set_header Connection $connection_upgrade;
                            }
                        }
                    }
                    """.formatted(port, backend.port());
            try (RunningFerry ferry = RunningFerry.start(prefix, conf); RawClient client = new RawClient(port)) {
                client.send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
                RawClient.Response switched = client.read();
                assertEquals(101, switched.status());
                assertEquals("websocket", switched.header("Upgrade"));
                assertEquals("dGhlIHNhbXBsZSBub25jZQ==", switched.header("Sec-WebSocket-Accept"));
                // A masked text frame "hello" (RFC 6455 §5.7) goes through as bytes and comes back.
                byte[] frame = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
                client.out.write(frame);
                client.out.flush();
                assertEquals(new String(frame, StandardCharsets.ISO_8859_1),
                        new String(client.in.readNBytes(frame.length), StandardCharsets.ISO_8859_1));
                for (int i = 0; i < 100; i++) {
                    byte[] many = ("message " + i + "\n").getBytes();
                    client.out.write(many);
                    client.out.flush();
                    assertEquals("message " + i + "\n", new String(client.in.readNBytes(many.length)));
                }
                assertEquals(0, ferry.stop());
            }
        }
    }

    private static void echo(TestBackend.Request request, OutputStream out) throws java.io.IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = request.raw.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }
}
