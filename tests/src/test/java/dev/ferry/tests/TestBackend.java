package dev.ferry.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A small HTTP/1.1 origin on 127.0.0.1 for end-to-end tests: it reads each request head
 * exactly as sent (so tests can check what Ferry put on the wire), hands the body as a
 * stream, and counts the connections it accepted. Keep-alive unless the request says close.
 */
final class TestBackend extends RawBackend {

    /** One request as the backend saw it. */
    static final class Request {
        final String head;
        final InputStream body;
        /** The connection itself, for protocols that take over after a 101. */
        final InputStream raw;

        Request(String head, InputStream body, InputStream raw) {
            this.head = head;
            this.body = body;
            this.raw = raw;
        }

        String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        /** Header lines in wire order, "Name: value". */
        List<String> headerLines() {
            List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
            lines.remove(0);
            return lines;
        }

        String header(String name) {
            for (String line : headerLines()) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

        byte[] readBody() throws IOException {
            return body.readAllBytes();
        }
    }

    /** Answers one request; returning false closes the connection. */
    @FunctionalInterface
    interface Handler {
        boolean handle(Request request, OutputStream out) throws IOException;
    }

    private final Handler handler;
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    TestBackend(Handler handler) throws IOException {
        super(128);
        this.handler = handler;
    }

    @Override
    protected boolean answer(String head, Socket socket, InputStream in, OutputStream out) throws IOException {
        Request request = new Request(head, bodyOf(head, in), in);
        requests.add(request);
        boolean keep = handler.handle(request, out);
        out.flush();
        request.body.transferTo(OutputStream.nullOutputStream()); // the rest of an unread body
        return keep && !"close".equalsIgnoreCase(request.header("Connection"));
    }

    private static InputStream bodyOf(String head, InputStream in) {
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            return new ChunkedInputStream(in);
        }
        int at = lower.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return InputStream.nullInputStream();
        }
        int end = lower.indexOf("\r\n", at + 2);
        long length = Long.parseLong(head.substring(at + 17, end).strip());
        return new BoundedInputStream(in, length);
    }

    /** Writes a response with a fixed body. */
    static void respond(OutputStream out, int status, String extraHeaders, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + " X\r\n" + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    /** A body of known length. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A chunked body, decoded. */
    static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;
        /** The trailer lines after the last chunk, as they came. */
        final List<String> trailers = new ArrayList<>();

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line();
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (left == 0) {
                    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                        trailers.add(trailer);
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("chunk cut short");
            }
            left -= n;
            if (left == 0) {
                line();
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }
    }
}
