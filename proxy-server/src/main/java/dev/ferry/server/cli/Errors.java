package dev.ferry.server.cli;

/** strerror(3) for the errno values the command line can meet. */
final class Errors {

    private Errors() {
    }

    static String strerror(int errno) {
        return switch (errno) {
            case 1 -> "Operation not permitted";
            case 3 -> "No such process";
            default -> "Unknown error " + errno;
        };
    }
}
