package dev.ferry.conf.value;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sizes and offsets as ngx_parse_size and ngx_parse_offset read them. */
class SizesTest {

    @ParameterizedTest(name = "\"{0}\" is {1} bytes as size and as offset")
    @CsvSource(delimiter = '|', value = {
            "0     | 0",
            "1024  | 1024",
            "8k    | 8192",
            "8K    | 8192",
            "1m    | 1048576",
            "1M    | 1048576",
            "9007199254740991k | 9223372036854774784",
    })
    void sizeAndOffsetAgree(String text, long bytes) {
        assertEquals(OptionalLong.of(bytes), Sizes.parseSize(text));
        assertEquals(OptionalLong.of(bytes), Sizes.parseOffset(text));
    }

    @ParameterizedTest(name = "\"{0}\" is {1} bytes as an offset only")
    @CsvSource(delimiter = '|', value = {
            "1g | 1073741824",
            "2G | 2147483648",
    })
    void gigabytesAreForOffsetsOnly(String text, long bytes) {
        assertEquals(OptionalLong.of(bytes), Sizes.parseOffset(text));
        assertEquals(OptionalLong.empty(), Sizes.parseSize(text));
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @ValueSource(strings = {
            "", "k", "1.5k", "-1", "+1", " 1", "1 ", "1kb", "1t", "0x10",
            "9223372036854775808", "9007199254740992k", "8796093022208m",
    })
    void invalidAsSizeAndOffset(String text) {
        assertEquals(OptionalLong.empty(), Sizes.parseSize(text));
        assertEquals(OptionalLong.empty(), Sizes.parseOffset(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"8589934592g"})
    void offsetOverflowIsInvalid(String text) {
        assertEquals(OptionalLong.empty(), Sizes.parseOffset(text));
    }
}
