/*
 * Ferry's signal shim: HotSpot keeps SIGQUIT for thread dumps and sun.misc.Signal refuses it,
 * but nginx operators stop gracefully with `kill -QUIT`. This handler only writes the signal
 * number to a pipe (write(2) is async-signal-safe); a Java thread reads the pipe and does the
 * real work outside signal context. Loaded through the FFM API (dev.ferry.server.lifecycle.SignalPipe).
 * Also used for HUP, INT and TERM when Ferry inherited them ignored (nohup), which HotSpot leaves so.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The pipe's write end for each signal routed here, plus one: 0 means none (static zeroes). */
static volatile int pipe_fds[NSIG];

static void on_signal(int sig) {
    int saved = errno;
    unsigned char b = (unsigned char) sig;
    int fd = sig > 0 && sig < NSIG ? pipe_fds[sig] - 1 : -1;
    if (fd >= 0) {
        ssize_t ignored = write(fd, &b, 1);
        (void) ignored;
    }
    errno = saved;
}

/* Sends `sig` to the pipe's write end `fd` from now on; each signal has its own pipe. Returns 0,
 * or -1 with errno set. */
int ferry_signal_to_pipe(int sig, int fd) {
    struct sigaction sa;
    if (sig <= 0 || sig >= NSIG || fd < 0) {
        errno = EINVAL;
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    pipe_fds[sig] = fd + 1;
    return sigaction(sig, &sa, NULL);
}
