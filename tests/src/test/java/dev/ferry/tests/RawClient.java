package dev.ferry.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A client that writes exact bytes and reads responses one by one, for tests that need the wire. */
final class RawClient implements AutoCloseable {

    /** A response: the head as received, and its body. */
    record Response(String head, byte[] body) {

        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    final InputStream in;
    final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads one response; {@code head} says whether it answers a HEAD (no body then). */
    Response read(boolean head) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a response head: " + h.toString(StandardCharsets.ISO_8859_1));
            }
            h.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String text = h.toString(StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(text.substring(9, 12));
        if (head || status == 204 || status == 304 || status < 200) {
            return new Response(text, new byte[0]);
        }
        InputStream body;
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            body = new TestBackend.ChunkedInputStream(in);
        } else {
            int at = lower.indexOf("\r\ncontent-length:");
            if (at < 0) {
                return new Response(text, in.readAllBytes());
            }
            int end = lower.indexOf("\r\n", at + 2);
            body = new java.io.ByteArrayInputStream(in.readNBytes(Integer.parseInt(text.substring(at + 17, end).strip())));
        }
        return new Response(text, body.readAllBytes());
    }

    Response read() throws IOException {
        return read(false);
    }

    /** True when the server closed the connection (read returns end of stream). */
    boolean closedByPeer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
