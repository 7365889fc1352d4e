package dev.ferry.server.lifecycle;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a signal the JVM will not give to {@code sun.misc.Signal} (SIGQUIT) through the
 * native shim {@code libferry-signals.so}: its handler writes the signal number to a pipe, and
 * a platform thread here reads the pipe and runs the Java handler outside signal context.
 */
final class SignalPipe {

    private static final Logger log = LoggerFactory.getLogger(SignalPipe.class);
    private static final String LIBRARY = "libferry-signals.so";

    private SignalPipe() {
    }

    /**
     * Routes {@code signal} to {@code handler}; returns false (and says why in the error log)
     * when the shim is missing, e.g. on a machine without gcc at build time.
     */
    static boolean install(int signal, String name, Runnable handler) {
        Path library = locate();
        if (library == null) {
            log.warn("{} not found beside ferry.jar: kill -{} keeps the JVM's default behaviour", LIBRARY, name);
            return false;
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup shim = SymbolLookup.libraryLookup(library, Arena.global());
            MethodHandle pipe = linker.downcallHandle(linker.defaultLookup().find("pipe").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            MethodHandle read = linker.downcallHandle(linker.defaultLookup().find("read").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            MethodHandle route = linker.downcallHandle(shim.find("ferry_signal_to_pipe").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MemorySegment fds = Arena.global().allocate(ValueLayout.JAVA_INT, 2);
            if ((int) pipe.invokeExact(fds) != 0) {
                log.warn("pipe() failed: kill -{} keeps the JVM's default behaviour", name);
                return false;
            }
            int readFd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int writeFd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            if ((int) route.invokeExact(signal, writeFd) != 0) {
                log.warn("sigaction({}) failed: kill -{} keeps the JVM's default behaviour", signal, name);
                return false;
            }
            // A platform thread: the blocking read would pin a virtual thread's carrier.
            Thread.ofPlatform().daemon().name("ferry-signal-" + name).start(() -> {
                MemorySegment buffer = Arena.global().allocate(1);
                while (true) {
                    try {
                        long n = (long) read.invokeExact(readFd, buffer, 1L);
                        if (n == 1) {
                            handler.run();
                        }
                    } catch (Throwable t) {
                        log.error("signal thread for {} stopped: {}", name, t.toString());
                        return;
                    }
                }
            });
            return true;
        } catch (Throwable t) {
            log.warn("cannot route SIG{} ({}): kill -{} keeps the JVM's default behaviour", name, t, name);
            return false;
        }
    }

    /** lib/libferry-signals.so beside the jar Ferry runs from. */
    private static Path locate() {
        try {
            Path jar = Path.of(SignalPipe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = (Files.isDirectory(jar) ? jar.getParent() : jar.getParent()).resolve("lib").resolve(LIBRARY);
            return Files.isRegularFile(candidate) ? candidate : null;
        } catch (Exception e) {
            return null;
        }
    }
}
