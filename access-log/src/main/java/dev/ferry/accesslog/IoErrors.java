package dev.ferry.accesslog;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * Words an I/O failure as {@code ngx_log_errno} does, {@code "13: Permission denied"}: the
 * Linux errno recovered from the exception type or the strerror text the JDK passes on.
 * (The same table as conf's reader, which keeps its copy package-private.)
 */
final class IoErrors {

    private static final Map<String, Integer> LINUX_ERRNO = Map.of(
            "No such file or directory", 2,
            "Input/output error", 5,
            "Permission denied", 13,
            "Not a directory", 20,
            "Is a directory", 21,
            "Too many open files", 24,
            "No space left on device", 28,
            "File name too long", 36,
            "Disk quota exceeded", 122);

    private IoErrors() {
    }

    static String describe(IOException e) {
        String text;
        if (e instanceof NoSuchFileException) {
            text = "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            text = "Permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            text = fse.getReason();
        } else if (e.getMessage() != null) {
            text = e.getMessage();
        } else {
            text = e.getClass().getSimpleName();
        }
        Integer errno = LINUX_ERRNO.get(text);
        return errno == null ? text : errno + ": " + text;
    }
}
