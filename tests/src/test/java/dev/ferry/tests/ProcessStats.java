package dev.ferry.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What /proc says about a running process: open file descriptors and resident memory. */
final class ProcessStats {

    private ProcessStats() {
    }

    static long pid(RunningFerry ferry) throws IOException {
        return Long.parseLong(Files.readString(ferry.pidFile).strip());
    }

    /** The number of open file descriptors. */
    static long openFds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        }
    }

    /** VmRSS in KiB. */
    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }
}
