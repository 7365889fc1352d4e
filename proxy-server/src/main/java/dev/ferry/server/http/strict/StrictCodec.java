package dev.ferry.server.http.strict;

import dev.ferry.server.config.ServerSettings;
import dev.ferry.server.http.HeaderList;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

/** The client side's request decoder, set up to follow {@link RequestGuard}; responses go out through ResponseEncoder. */
public final class StrictCodec {

    private StrictCodec() {
    }

    /**
     * A request line or header line over one large buffer is refused (414 / 494), and so is a
     * head over all of them together (nginx's "too large request"). The guard in front has
     * checked every head byte with nginx's rules, so Netty is told not to re-check them its own
     * way: its header validation would refuse names nginx only ignores ({@code X@Y}, 8-bit
     * bytes; see ignore_invalid_headers), and its strict line ends a bare LF nginx accepts.
     */
    public static HttpRequestDecoder server(ServerSettings header) {
        int line = (int) header.largeHeaderBufferSize();
        return new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(line)
                .setMaxHeaderSize(line * header.largeHeaderBuffers())
                .setMaxChunkSize(65536)
                .setValidateHeaders(false)
                // After setValidateHeaders, which replaces both factories: heads kept as lists, not hashed.
                .setHeadersFactory(HeaderList.FACTORY)
                .setTrailersFactory(HeaderList.TRAILERS)
                .setStrictLineParsing(false));
    }
}
