package dev.ferry.conf;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * Words an I/O failure as nginx's {@code ngx_log_errno} does: {@code "2: No such file or directory"},
 * the Linux errno number and its strerror text. Java hides the number, so it is recovered from
 * the exception type or the strerror text the JDK passes on. Shared by every module that
 * reports file errors (the config reader, the access log).
 */
public final class OsErrors {

    private static final Map<String, Integer> LINUX_ERRNO = Map.of(
            "No such file or directory", 2,
            "Input/output error", 5,
            "Permission denied", 13,
            "Not a directory", 20,
            "Is a directory", 21,
            "Too many open files", 24,
            "No space left on device", 28,
            "File name too long", 36,
            "Too many levels of symbolic links", 40,
            "Disk quota exceeded", 122);

    private OsErrors() {
    }

    /** {@code "NUMBER: TEXT"}, or only the text when the number is not known. */
    public static String describe(IOException e) {
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
