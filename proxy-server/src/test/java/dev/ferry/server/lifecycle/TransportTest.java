package dev.ferry.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;

/** Ferry relies on the transport's defaults where they are nginx's. */
class TransportTest {

    /** reference.conf's default: io_uring, or epoll where the kernel refuses it. */
    @Test
    void ioUringIsTakenWhereTheKernelAllowsIt() {
        assertEquals(IoUring.isAvailable() ? "io_uring" : "epoll", Transport.choose("io_uring").name());
    }

    /** The README promises tcp_nodelay on, always; Ferry no longer sets it itself. */
    @Test
    void socketsComeWithNagleOff() throws Exception {
        for (String name : new String[] {"io_uring", "epoll", "nio"}) {
            Transport transport = Transport.choose(name);
            SocketChannel channel = transport.socketChannel().getDeclaredConstructor().newInstance();
            try {
                assertTrue(channel.config().getOption(ChannelOption.TCP_NODELAY), transport.name());
            } finally {
                channel.unsafe().closeForcibly();
            }
        }
    }
}
