package dev.ferry.server.vars;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * nginx's cached time ({@code ngx_time_update}): an event loop reads the clock once per pass, at
 * the first question after it woke up, and every request it serves in that pass gets the same
 * answer. Request and upstream timings asked for the time some fifteen times per request, each a
 * clock_gettime (2% of the proxy's CPU on small requests); their resolution is a millisecond, as
 * nginx's. Off an event loop (tests, the access-log thread) the clock is read every time.
 */
public final class LoopClock {

    private static final FastThreadLocal<LoopClock> CURRENT = new FastThreadLocal<>();

    private long nanos;
    private long millis;
    /** Read in this pass of the loop. */
    private boolean fresh;

    private LoopClock() {
    }

    /** {@link System#nanoTime()}, as of this pass of the caller's event loop. */
    public static long nanoTime() {
        LoopClock clock = current();
        return clock == null ? System.nanoTime() : clock.nanos;
    }

    /** {@link System#currentTimeMillis()}, as of this pass of the caller's event loop. */
    public static long currentTimeMillis() {
        LoopClock clock = current();
        return clock == null ? System.currentTimeMillis() : clock.millis;
    }

    /** The caller's loop clock, read in this pass; {@code null} off an event loop. */
    private static LoopClock current() {
        LoopClock clock = CURRENT.getIfExists();
        if (clock != null && !clock.fresh) {
            clock.read();
        }
        return clock;
    }

    private void read() {
        nanos = System.nanoTime();
        millis = System.currentTimeMillis();
        fresh = true;
    }

    /** The loops {@code factory} makes, each with its own clock that goes stale as a pass begins. */
    public static IoHandlerFactory around(IoHandlerFactory factory) {
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new Handler(factory.newHandler(executor));
            }

            @Override
            public boolean isChangingThreadSupported() {
                return factory.isChangingThreadSupported();
            }
        };
    }

    /** The transport's handler, told of each pass: the clock goes stale before it waits for I/O. */
    private static final class Handler implements IoHandler {
        private final IoHandler transport;
        private final LoopClock clock = new LoopClock();

        Handler(IoHandler transport) {
            this.transport = transport;
        }

        @Override
        public void initialize() {
            CURRENT.set(clock); // on the loop's thread, before its first pass
            transport.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            clock.fresh = false;
            return transport.run(context);
        }

        @Override
        public void prepareToDestroy() {
            transport.prepareToDestroy();
        }

        @Override
        public void destroy() {
            transport.destroy();
            CURRENT.remove();
        }

        @Override
        public IoRegistration register(IoHandle handle) throws Exception {
            return transport.register(handle);
        }

        @Override
        public void wakeup() {
            transport.wakeup();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return transport.isCompatible(handleType);
        }
    }
}
