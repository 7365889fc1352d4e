package dev.ferry.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The open-files limit of a process: read from /proc, raised with prlimit(1) where that is allowed (root). */
final class FdLimit {

    private FdLimit() {
    }

    /** The soft RLIMIT_NOFILE of {@code pid}. */
    static long soft(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            if (line.startsWith("Max open files")) {
                String value = line.substring("Max open files".length()).strip().split("\\s+")[0];
                return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
            }
        }
        throw new IOException("no open-files limit for " + pid);
    }

    /** Tries to set both limits of {@code pid} to at least {@code wanted}; returns the soft limit after. */
    static long raise(long pid, long wanted) throws IOException, InterruptedException {
        if (soft(pid) >= wanted) {
            return soft(pid);
        }
        try {
            Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile=" + wanted + ":" + wanted)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // no prlimit here: keep what there is
        }
        return soft(pid);
    }
}
