package dev.ferry.conf.value;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Time values as ngx_parse_time reads them, in seconds and in milliseconds. */
class TimesTest {

    @ParameterizedTest(name = "\"{0}\" is {1} s and {2} ms")
    @CsvSource(delimiter = '|', value = {
            "10        | 10       | 10000",
            "10s       | 10       | 10000",
            "0         | 0        | 0",
            "1m        | 60       | 60000",
            "1h 30m    | 5400     | 5400000",
            "1h30m     | 5400     | 5400000",
            "1m30s     | 90       | 90000",
            "1d        | 86400    | 86400000",
            "2w        | 1209600  | 1209600000",
            "1h   1s   | 3601     | 3601000",
            "1h30      | 3630     | 3630000",
            "'10 '     | 10       | 10000",
            "' 10'     | 10       | 10000",
            "10 5      | 15       | 15000",
            "1hs       | 3600     | 3600000",
    })
    void validInBothUnits(String text, long seconds, long millis) {
        assertEquals(OptionalLong.of(seconds), Times.parseSeconds(text));
        assertEquals(OptionalLong.of(millis), Times.parseMillis(text));
    }

    @ParameterizedTest(name = "\"{0}\" is {1} s but not a msec value")
    @CsvSource(delimiter = '|', value = {
            "1y     | 31536000",
            "1M     | 2592000",
            "1y 1M  | 34128000",
    })
    void yearsAndMonthsAreForSecondsOnly(String text, long seconds) {
        assertEquals(OptionalLong.of(seconds), Times.parseSeconds(text));
        assertEquals(OptionalLong.empty(), Times.parseMillis(text));
    }

    @ParameterizedTest(name = "\"{0}\" is {1} ms but not a sec value")
    @CsvSource(delimiter = '|', value = {
            "500ms     | 500",
            "1s 500ms  | 1500",
            "1m1ms     | 60001",
    })
    void millisecondsAreForMsecValuesOnly(String text, long millis) {
        assertEquals(OptionalLong.of(millis), Times.parseMillis(text));
        assertEquals(OptionalLong.empty(), Times.parseSeconds(text));
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @ValueSource(strings = {
            "", " ", "s", "1x", "30s1m", "1m1h", "1s1s", "1ms1s", "10 5s", "-1", "1.5s", "1S", "1h 30m x",
            "9223372036854775808", "9223372036854775807y", "106751991167301d 1d",
    })
    void invalidInBothUnits(String text) {
        assertEquals(OptionalLong.empty(), Times.parseSeconds(text));
        assertEquals(OptionalLong.empty(), Times.parseMillis(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"9223372036854775807", "9223372036854776s"})
    void overflowOfTheMillisecondTotalIsInvalidWhereSecondsStillFit(String text) {
        assertEquals(true, Times.parseSeconds(text).isPresent());
        assertEquals(OptionalLong.empty(), Times.parseMillis(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"9223372036854775807"})
    void largestSecondsValueFits(String text) {
        assertEquals(OptionalLong.of(Long.MAX_VALUE), Times.parseSeconds(text));
    }
}
