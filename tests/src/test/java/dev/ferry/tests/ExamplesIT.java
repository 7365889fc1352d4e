package dev.ferry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every shipped example passes {@code ferry -t} once the features it uses have landed. */
class ExamplesIT {

    @ParameterizedTest
    @ValueSource(strings = {"conf/ferry.conf", "conf/examples/weighted.conf", "conf/examples/backup.conf"})
    void passesTheConfigurationTest(String file) throws Exception {
        Launcher.Result r = Launcher.run("-t", "-p", Launcher.HOME.toString(), "-c", file);
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void theHaPairPassesTheConfigurationTest() throws Exception {
        for (String host : new String[] {"a", "b"}) {
            Launcher.Result r = Launcher.run("-t", "-p", Launcher.HOME.toString(), "-c", "conf/examples/ha-pair-host-" + host + ".conf");
            assertEquals(0, r.exitCode(), r.stderr());
        }
    }
}
