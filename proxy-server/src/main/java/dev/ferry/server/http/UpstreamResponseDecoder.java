package dev.ferry.server.http;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;

/**
 * Netty's response decoder, told which responses answer HEAD: those have no body whatever their
 * headers say. It is the decoder half of Netty's {@code HttpClientCodec}, which paired the two
 * halves through a queue of methods; here {@link RequestEncoder} reports each request it writes.
 * A 1xx is not paired: the final response that follows it answers the request.
 *
 * <p>The upstream's reason phrase is dropped: Ferry writes its own status line, as nginx does for
 * the codes it knows, and Netty's check of the phrase against its cached status (a comparison of
 * two char sequences per response) was 2.6% of the loop's Java samples on small responses.
 */
final class UpstreamResponseDecoder extends HttpResponseDecoder {

    /** The methods of the requests written and not yet answered, oldest first. */
    private final ArrayDeque<HttpMethod> unanswered = new ArrayDeque<>(2);

    UpstreamResponseDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** For {@link RequestEncoder}: a request went out. */
    void sent(HttpRequest request) {
        unanswered.add(request.method());
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        String text = initialLine[0];
        HttpVersion version = text.equals("HTTP/1.1") ? HttpVersion.HTTP_1_1
                : text.equals("HTTP/1.0") ? HttpVersion.HTTP_1_0 : null;
        if (version == null) {
            return super.createMessage(initialLine); // Netty's strict parse judges other versions
        }
        return new DefaultHttpResponse(version, HttpResponseStatus.valueOf(Integer.parseInt(initialLine[1])),
                headersFactory);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        if (((HttpResponse) msg).status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            return super.isContentAlwaysEmpty(msg);
        }
        HttpMethod method = unanswered.poll(); // null for a response nobody asked for
        return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
    }
}
