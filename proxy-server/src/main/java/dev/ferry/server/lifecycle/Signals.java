package dev.ferry.server.lifecycle;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Process signals: sending them to another process ({@code ferry -s}) through libc's
 * {@code kill(2)} via FFM, and receiving them through {@code sun.misc.Signal}.
 *
 * <p>HotSpot keeps SIGQUIT for thread dumps and refuses it to {@code sun.misc.Signal}; QUIT
 * comes through a small native shim instead ({@link SignalPipe}).
 */
public final class Signals {

    /** {@code -s} names to signal names, as nginx's {@code ngx_signal_process} maps them. */
    public static final Map<String, String> BY_COMMAND = Map.of(
            "stop", "TERM", "quit", "QUIT", "reopen", "USR1", "reload", "HUP");

    /** Linux x86_64 numbers; nginx prints the number in its messages. */
    private static final Map<String, Integer> NUMBERS = Map.of(
            "HUP", 1, "INT", 2, "QUIT", 3, "USR1", 10, "USR2", 12, "TERM", 15, "WINCH", 28);

    private Signals() {
    }

    public static int number(String name) {
        return NUMBERS.get(name);
    }

    /** Calls {@code kill(pid, sig)}; returns 0 or the errno it failed with. */
    public static int kill(long pid, String name) {
        Linker linker = Linker.nativeLinker();
        StructLayout state = Linker.Option.captureStateLayout();
        VarHandle errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        MethodHandle kill = linker.downcallHandle(
                linker.defaultLookup().find("kill").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                Linker.Option.captureCallState("errno"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment captured = arena.allocate(state);
            int rc = (int) kill.invokeExact(captured, (int) pid, number(name));
            return rc == 0 ? 0 : (int) errno.get(captured, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("kill() could not be called", t);
        }
    }

    /** Runs {@code handler} on a JVM signal thread when {@code name} arrives. */
    public static void handle(String name, Runnable handler) {
        if (name.equals("QUIT")) {
            SignalPipe.install(number(name), name, handler);
            return;
        }
        SignalHandler previous = Signal.handle(new Signal(name), s -> handler.run());
        if (previous == SignalHandler.SIG_IGN) {
            // Started with the signal ignored (nohup ignores SIGHUP): HotSpot then leaves a HUP,
            // INT or TERM ignored, while nginx installs its handlers whatever it inherited.
            SignalPipe.install(number(name), name, handler);
        }
    }
}
