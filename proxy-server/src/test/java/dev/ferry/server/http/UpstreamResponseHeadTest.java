package dev.ferry.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The upstream's "Connection: close", found as HttpUtil.isKeepAlive finds it. */
class UpstreamResponseHeadTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "close; true", "Close; true", "' keep-alive ,  close '; true", "',close,'; true", "upgrade,CLOSE; true",
        "closed; false", "keep-alive; false", "''; false", "',,'; false", "clo se; false", "'\tclose\t'; true"})
    void findsCloseAmongTheTokens(String value, boolean expected) {
        assertEquals(expected, HeaderList.listsToken(value, "close", true), value);
        DefaultHttpHeaders netty = new DefaultHttpHeaders(false);
        netty.add(HttpHeaderNames.CONNECTION, value);
        assertEquals(netty.containsValue(HttpHeaderNames.CONNECTION, "close", true), expected, "as Netty: " + value);
    }
}
