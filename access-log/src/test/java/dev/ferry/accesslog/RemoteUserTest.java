package dev.ferry.accesslog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code $remote_user} as {@code ngx_http_auth_basic_user} decodes an Authorization header. */
class RemoteUserTest {

    @ParameterizedTest(name = "[{0}] gives user [{1}]")
    @CsvSource(delimiterString = "->", nullValues = "NOT FOUND", quoteCharacter = '`', textBlock = """
            Basic dXNlcjpwYXNz            -> user
            basic dXNlcjpwYXNz            -> user
            BASIC dXNlcjpwYXNz            -> user
            `Basic    dXNlcjpwYXNz`       -> user
            Basic dXNlcjo=                -> user
            Basic dXNlcjpwYXN             -> user
            Basic dXNlcjpwYXNz=garbage    -> user
            Basic dXNlcg==                -> NOT FOUND
            Basic OnBhc3M=                -> NOT FOUND
            Basic dXNlcjpwYXNz!           -> NOT FOUND
            Basic dXNlcjpwYXNzx           -> NOT FOUND
            `Basic dXNlcjpwYXNz `         -> NOT FOUND
            `Basic `                      -> NOT FOUND
            Basic                         -> NOT FOUND
            Bearer dXNlcjpwYXNz           -> NOT FOUND
            Basicx dXNlcjpwYXNz           -> NOT FOUND
            """)
    void basicCredentialsGiveTheUserBeforeTheColon(String header, String user) {
        byte[] decoded = RemoteUser.of(header);
        assertEquals(user, decoded == null ? null : new String(decoded, StandardCharsets.ISO_8859_1));
    }

    @Test
    void noHeaderIsNotFound() {
        assertNull(RemoteUser.of(null));
    }
}
