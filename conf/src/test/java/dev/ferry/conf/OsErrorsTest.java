package dev.ferry.conf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** I/O failures worded as nginx's "(errno: strerror)". */
class OsErrorsTest {

    @Test
    void missingFileIsErrno2() {
        assertEquals("2: No such file or directory", OsErrors.describe(new NoSuchFileException("/x")));
    }

    @Test
    void accessDeniedIsErrno13() {
        assertEquals("13: Permission denied", OsErrors.describe(new AccessDeniedException("/x")));
    }

    @Test
    void knownStrerrorTextGetsItsLinuxNumber() {
        assertEquals("40: Too many levels of symbolic links",
                OsErrors.describe(new FileSystemException("/x", null, "Too many levels of symbolic links")));
    }

    @Test
    void unknownTextIsKeptWithoutANumber() {
        assertEquals("Something odd", OsErrors.describe(new IOException("Something odd")));
    }
}
