package dev.ferry.vrrp.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Every libc call of the VRRP speaker, through the FFM API (SPEC-vrrp.md §6.1): Java has no raw
 * IP sockets, no AF_PACKET and no netlink. Structures are built by callers as byte arrays
 * (see {@link SocketAddresses}) and copied in, which avoids alignment trouble. Each call captures
 * errno and turns a failure into a {@link NativeFailure} naming the call.
 *
 * <p>Linux x86_64 constants are the ones of SPEC-vrrp.md §6.1.
 */
final class LinuxNet {

    static final int AF_INET = 2;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_VRRP = 112;
    /** A send-only raw socket: implies IP_HDRINCL and never receives, so nothing queues up on it. */
    static final int IPPROTO_RAW = 255;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int SO_BINDTODEVICE = 25;
    static final int IP_HDRINCL = 3;
    static final int IP_FREEBIND = 15;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;
    static final int MSG_DONTWAIT = 0x40;
    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final short POLLIN = 0x1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = errnoCall("bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SENDTO = errnoCall("sendto",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = errnoCall("recv",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT));
    private static final MethodHandle POLL = errnoCall("poll",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = errnoCall("if_nametoindex",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private LinuxNet() {
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor, CAPTURE);
    }

    static int socket(int domain, int type, int protocol, String what) throws NativeFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw failure("socket(" + what + ")", state);
            }
            return fd;
        } catch (NativeFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void setsockopt(int fd, int level, int option, byte[] value, String what) throws NativeFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment v = arena.allocate(value.length);
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, level, option, v, value.length);
            if (rc < 0) {
                throw failure("setsockopt(" + what + ")", state);
            }
        } catch (NativeFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void setsockopt(int fd, int level, int option, int value, String what) throws NativeFailure {
        setsockopt(fd, level, option, SocketAddresses.nativeInt(value), what);
    }

    static void bind(int fd, byte[] sockaddr, String what) throws NativeFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment a = arena.allocate(sockaddr.length);
            MemorySegment.copy(sockaddr, 0, a, ValueLayout.JAVA_BYTE, 0, sockaddr.length);
            int rc = (int) BIND.invokeExact(state, fd, a, sockaddr.length);
            if (rc < 0) {
                throw failure("bind(" + what + ")", state);
            }
        } catch (NativeFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void sendto(int fd, byte[] data, byte[] sockaddr, String what) throws NativeFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment buf = arena.allocate(data.length);
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment to = arena.allocate(sockaddr.length);
            MemorySegment.copy(sockaddr, 0, to, ValueLayout.JAVA_BYTE, 0, sockaddr.length);
            long sent = (long) SENDTO.invokeExact(state, fd, buf, (long) data.length, 0, to, sockaddr.length);
            if (sent < 0) {
                throw failure("sendto(" + what + ")", state);
            }
        } catch (NativeFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** One datagram without blocking; -1 when none is queued. */
    static int recv(int fd, byte[] buffer, boolean wait, String what) throws NativeFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment buf = arena.allocate(buffer.length);
            long n = (long) RECV.invokeExact(state, fd, buf, (long) buffer.length, wait ? 0 : MSG_DONTWAIT);
            if (n < 0) {
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EAGAIN || errno == EINTR) {
                    return -1;
                }
                throw failure("recv(" + what + ")", state);
            }
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) n);
            return (int) n;
        } catch (NativeFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for any of {@code fds} to be readable; marks the readable
     * ones in {@code ready}. An interrupted wait (EINTR, e.g. a JVM signal) counts as a timeout.
     */
    static void poll(int[] fds, boolean[] ready, int timeoutMillis) throws NativeFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            // struct pollfd { int fd; short events; short revents; }
            MemorySegment pollfds = arena.allocate(8L * Math.max(1, fds.length), 4);
            for (int i = 0; i < fds.length; i++) {
                pollfds.set(ValueLayout.JAVA_INT, 8L * i, fds[i]);
                pollfds.set(ValueLayout.JAVA_SHORT, 8L * i + 4, POLLIN);
            }
            int rc = (int) POLL.invokeExact(state, pollfds, (long) fds.length, timeoutMillis);
            java.util.Arrays.fill(ready, false);
            if (rc < 0) {
                if ((int) ERRNO.get(state, 0L) == EINTR) {
                    return;
                }
                throw failure("poll()", state);
            }
            for (int i = 0; i < fds.length; i++) {
                ready[i] = pollfds.get(ValueLayout.JAVA_SHORT, 8L * i + 6) != 0;
            }
        } catch (NativeFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(STATE), fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int ifNameToIndex(String name) throws NativeFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            if (index == 0) {
                throw failure("if_nametoindex(\"" + name + "\")", state);
            }
            return index;
        } catch (NativeFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static NativeFailure failure(String call, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        return new NativeFailure(call, errno, strerror(errno));
    }
}
