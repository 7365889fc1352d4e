package dev.ferry.upstream.next;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.conf.Directive;
import dev.ferry.conf.SourcePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision after a failed attempt, rule by rule: SPEC §5.7 (when a request moves on) and
 * §4 (how the failed peer is counted), as ngx_http_upstream_test_next and ngx_http_upstream_next.
 */
class NextUpstreamDecisionTest {

    /** {@code "error timeout | tries=3 | timeout=1s"} to a config, through the real binder. */
    static NextUpstreamConfig config(String spec) {
        List<Directive> block = new ArrayList<>();
        for (String part : spec.split("\\|")) {
            String p = part.trim();
            if (p.startsWith("tries=")) {
                block.add(Directive.simple("proxy_next_upstream_tries", List.of(p.substring(6)), SourcePosition.COMMAND_LINE));
            } else if (p.startsWith("timeout=")) {
                block.add(Directive.simple("proxy_next_upstream_timeout", List.of(p.substring(8)), SourcePosition.COMMAND_LINE));
            } else if (!p.equals("default")) {
                block.add(Directive.simple("proxy_next_upstream", Arrays.asList(p.split(" ")), SourcePosition.COMMAND_LINE));
            }
        }
        return new NextUpstreamBinder(w -> { }).bind(block, NextUpstreamConfig.DEFAULT);
    }

    /** {@code "POST sent unbuffered reused started gone"} to request facts. */
    static RequestFacts facts(String spec) {
        String[] words = spec.trim().split(" ");
        RequestFacts facts = RequestFacts.of(words[0]);
        for (String w : Arrays.asList(words).subList(1, words.length)) {
            facts = switch (w) {
                case "sent" -> facts.sent();
                case "unbuffered" -> facts.unbuffered();
                case "reused" -> facts.reused();
                case "started" -> facts.started();
                case "gone" -> facts.clientGone();
                default -> throw new IllegalArgumentException(w);
            };
        }
        return facts;
    }

    @ParameterizedTest(name = "[{0}] {1} tries={2} after {3}ms, {4} -> {5}")
    @CsvSource(delimiterString = ";", textBlock = """
            # config;                      kind;           tries; elapsed; request;          decision
            # error, timeout, invalid_header: always counted, retried when listed and a try is left
            default;                       ERROR;          2;     0;       GET;              RETRY FAILURE 502
            default;                       TIMEOUT;        2;     0;       GET;              RETRY FAILURE 504
            default;                       INVALID_HEADER; 2;     0;       GET;              RESPOND FAILURE 502
            error invalid_header;          INVALID_HEADER; 2;     0;       GET;              RETRY FAILURE 502
            default;                       ERROR;          1;     0;       GET;              RESPOND FAILURE 502
            default;                       TIMEOUT;        1;     0;       GET;              RESPOND FAILURE 504
            default;                       ERROR;          0;     0;       GET;              RESPOND FAILURE 502
            off;                           ERROR;          5;     0;       GET;              RESPOND FAILURE 502
            error off;                     TIMEOUT;        5;     0;       GET;              RESPOND FAILURE 504
            timeout;                       ERROR;          5;     0;       GET;              RESPOND FAILURE 502
            # status codes: retried (and counted) only when listed and another try is left
            default;                       HTTP_502;       2;     0;       GET;              PASS_THROUGH SUCCESS 502
            http_502;                      HTTP_502;       2;     0;       GET;              RETRY FAILURE 502
            http_502;                      HTTP_502;       1;     0;       GET;              PASS_THROUGH SUCCESS 502
            http_500;                      HTTP_500;       2;     0;       GET;              RETRY FAILURE 500
            http_503;                      HTTP_503;       2;     0;       GET;              RETRY FAILURE 503
            http_504;                      HTTP_504;       2;     0;       GET;              RETRY FAILURE 504
            http_429;                      HTTP_429;       2;     0;       GET;              RETRY FAILURE 429
            http_500;                      HTTP_503;       2;     0;       GET;              PASS_THROUGH SUCCESS 503
            # 403 and 404 move on but are never counted against the peer
            http_403;                      HTTP_403;       2;     0;       GET;              RETRY NEXT 403
            http_404;                      HTTP_404;       2;     0;       GET;              RETRY NEXT 404
            http_404;                      HTTP_404;       1;     0;       GET;              PASS_THROUGH SUCCESS 404
            # POST, LOCK, PATCH once sent: only with non_idempotent; connect failures are always fine
            default;                       ERROR;          2;     0;       POST sent;        RESPOND FAILURE 502
            default;                       ERROR;          2;     0;       POST;             RETRY FAILURE 502
            error non_idempotent;          ERROR;          2;     0;       POST sent;        RETRY FAILURE 502
            default;                       TIMEOUT;        2;     0;       LOCK sent;        RESPOND FAILURE 504
            default;                       ERROR;          2;     0;       PATCH sent;       RESPOND FAILURE 502
            default;                       ERROR;          2;     0;       PUT sent;         RETRY FAILURE 502
            default;                       ERROR;          2;     0;       DELETE sent;      RETRY FAILURE 502
            default;                       ERROR;          2;     0;       post sent;        RETRY FAILURE 502
            http_502;                      HTTP_502;       2;     0;       POST sent;        PASS_THROUGH SUCCESS 502
            http_502 non_idempotent;       HTTP_502;       2;     0;       POST sent;        RETRY FAILURE 502
            # a body streamed unbuffered cannot be sent twice
            default;                       ERROR;          2;     0;       PUT sent unbuffered; RESPOND FAILURE 502
            default;                       ERROR;          2;     0;       PUT unbuffered;   RETRY FAILURE 502
            http_503;                      HTTP_503;       2;     0;       GET sent unbuffered; PASS_THROUGH SUCCESS 503
            # proxy_next_upstream_timeout, from the first attempt
            default | timeout=1s;          ERROR;          2;     999;     GET;              RETRY FAILURE 502
            default | timeout=1s;          ERROR;          2;     1000;    GET;              RESPOND FAILURE 502
            http_502 | timeout=1s;         HTTP_502;       2;     1000;    GET;              PASS_THROUGH SUCCESS 502
            default | timeout=0;           ERROR;          2;     999999;  GET;              RETRY FAILURE 502
            # after the response head went to the client nothing moves on, and the peer did its job
            default;                       ERROR;          3;     0;       GET sent started; ABORT SUCCESS 502
            default;                       TIMEOUT;        3;     0;       GET sent started; ABORT SUCCESS 504
            # an error on a cached keepalive connection gives its try back (only error, not timeout)
            default;                       ERROR;          1;     0;       GET sent reused;  RETRY FAILURE 502
            default;                       TIMEOUT;        1;     0;       GET sent reused;  RESPOND FAILURE 504
            default;                       ERROR;          1;     0;       POST sent reused; RESPOND FAILURE 502
            http_502;                      HTTP_502;       1;     0;       GET sent reused;  PASS_THROUGH SUCCESS 502
            # a client that went away ends the request once the peer is freed
            default;                       ERROR;          3;     0;       GET gone;         RESPOND FAILURE 499
            http_404;                      HTTP_404;       3;     0;       GET gone;         RESPOND NEXT 499
            default;                       HTTP_404;       3;     0;       GET gone;         PASS_THROUGH SUCCESS 404
            """)
    void theDecisionFollowsNginx(String config, FailureKind kind, int tries, long elapsed, String request,
            String expected) {
        Decision d = NextUpstream.decide(config(config), kind, tries, elapsed, facts(request));
        assertEquals(expected, d.action() + " " + d.outcome() + " " + d.status());
    }
}
