/*
 * Ferry's signal shim: HotSpot keeps SIGQUIT for thread dumps and sun.misc.Signal refuses it,
 * but nginx operators stop gracefully with `kill -QUIT`. This handler only writes the signal
 * number to a pipe (write(2) is async-signal-safe); a Java thread reads the pipe and does the
 * real work outside signal context. Loaded through the FFM API (dev.ferry.server.lifecycle.SignalPipe).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile int pipe_fd = -1;

static void on_signal(int sig) {
    int saved = errno;
    unsigned char b = (unsigned char) sig;
    if (pipe_fd >= 0) {
        ssize_t ignored = write(pipe_fd, &b, 1);
        (void) ignored;
    }
    errno = saved;
}

/* Sends `sig` to the pipe's write end `fd` from now on. Returns 0, or -1 with errno set. */
int ferry_signal_to_pipe(int sig, int fd) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    pipe_fd = fd;
    return sigaction(sig, &sa, NULL);
}
