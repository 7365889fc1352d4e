package dev.ferry.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An origin that misbehaves on purpose, by the request path: each behaviour is one of the
 * broken peers of issue 9 (closes, resets, garbage, too much, too slow, too big). Any other
 * path is answered "ok". Keep-alive, so a misbehaviour can follow good answers on one
 * connection.
 */
final class BrokenBackend extends RawBackend {

    /** Bytes of the 100 MiB head written before Ferry stopped taking them. */
    final AtomicLong bigHeadWritten = new AtomicLong(-1);
    final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());

    BrokenBackend() throws IOException {
        super(128);
    }

    @Override
    protected boolean answer(String head, Socket socket, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        String line = head.substring(0, head.indexOf("\r\n"));
        requestLines.add(line);
        return behave(line.split(" ")[1], socket, out);
    }

    /** Returns false when the connection is done with. */
    private boolean behave(String path, Socket socket, OutputStream out) throws IOException, InterruptedException {
        String name = path.substring(path.lastIndexOf('/') + 1);
        switch (name) {
            case "close" -> {
                return false;
            }
            case "reset-head" -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Le");
                Thread.sleep(100);
                reset(socket);
                return false;
            }
            case "reset-body" -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
                Thread.sleep(200);
                reset(socket);
                return false;
            }
            case "garbage" -> {
                write(out, "garbage\r\n\r\nmore garbage");
                Thread.sleep(200);
                return false;
            }
            case "extra" -> {
                // Five bytes promised, a whole response more sent: it must reach nobody.
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nsmuggle");
                return true;
            }
            case "silent" -> {
                Thread.sleep(3000);
                return false;
            }
            case "slow" -> {
                Thread.sleep(1500);
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate");
                return true;
            }
            case "trickle-head" -> {
                for (char c : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".toCharArray()) {
                    write(out, String.valueOf(c));
                    Thread.sleep(50);
                }
                return true;
            }
            case "trickle-body" -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
                for (char c : "0123456789".toCharArray()) {
                    Thread.sleep(300);
                    write(out, String.valueOf(c));
                }
                return true;
            }
            case "stall-body" -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234");
                Thread.sleep(3000);
                return false;
            }
            case "big-head" -> {
                byte[] line = ("X-Big: " + "a".repeat(1000) + "\r\n").repeat(64).getBytes(StandardCharsets.ISO_8859_1);
                long written = 0;
                try {
                    write(out, "HTTP/1.1 200 OK\r\n");
                    while (written < 100L << 20) {
                        out.write(line);
                        written += line.length;
                    }
                    write(out, "\r\n");
                } finally {
                    bigHeadWritten.set(written);
                }
                return false;
            }
            default -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                return true;
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Closes with a TCP reset (SO_LINGER 0), as a crashed peer's kernel does. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
