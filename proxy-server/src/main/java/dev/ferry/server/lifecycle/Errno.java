package dev.ferry.server.lifecycle;

import java.util.Map;

/** Words an I/O failure as nginx does, "98: Address already in use", from the JDK's or Netty's message. */
final class Errno {

    private static final Map<String, Integer> CODES = Map.of(
            "Address already in use", 98,
            "Permission denied", 13,
            "Cannot assign requested address", 99,
            "Connection refused", 111,
            "No such process", 3,
            "Operation not permitted", 1);

    private Errno() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t != null) {
            String message = String.valueOf(t.getMessage());
            for (Map.Entry<String, Integer> code : CODES.entrySet()) {
                if (message.contains(code.getKey())) {
                    return code.getValue() + ": " + code.getKey();
                }
            }
            t = t.getCause();
        }
        return e.getMessage();
    }
}
