package dev.ferry.conf.value;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** On/off values as ngx_conf_set_flag_slot reads them. */
class FlagsTest {

    @ParameterizedTest(name = "\"{0}\" is on")
    @ValueSource(strings = {"on", "ON", "On", "oN"})
    void onInAnyCaseIsTrue(String text) {
        assertEquals(Optional.of(true), Flags.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is off")
    @ValueSource(strings = {"off", "OFF", "Off"})
    void offInAnyCaseIsFalse(String text) {
        assertEquals(Optional.of(false), Flags.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is neither")
    @ValueSource(strings = {"", "yes", "true", "1", "o", "onn", " on", "of", "\u1d0fn"})
    void anythingElseIsInvalid(String text) {
        assertEquals(Optional.empty(), Flags.parse(text));
    }
}
