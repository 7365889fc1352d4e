package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import dev.ferry.server.vars.Template;
import dev.ferry.server.vars.VariableCatalog;
import dev.ferry.upstream.config.ServerAddress;
import dev.ferry.upstream.config.UpstreamConfig;
import java.util.function.Consumer;

/**
 * Reads {@code proxy_pass URL} as nginx's {@code ngx_http_proxy_pass} does: the scheme, the
 * host (an upstream name or an address for an implicit upstream) and the optional URI part.
 */
final class ProxyPassParser {

    /** What a proxy_pass asks of the upstream registry: a name, and a port if one was written. */
    record Target(String host, String hostAndPort, boolean portGiven, Directive directive) {
    }

    private ProxyPassParser() {
    }

    /**
     * @param variables the catalog to compile a URL with variables, or {@code null} at read
     *                  time, when such a URL is accepted unchecked (nginx checks it per request)
     */
    static ProxyPass parse(Directive d, boolean uriAllowed, Consumer<Target> targets, VariableCatalog variables) {
        String url = d.arg(0);
        if (url.indexOf('$') >= 0) {
            if (variables == null) {
                return null;
            }
            return new ProxyPass(null, null, null, null, Template.compile(url, variables, d.position()), d.position());
        }
        int hostStart;
        if (url.regionMatches(true, 0, "http://", 0, 7)) {
            hostStart = 7;
        } else if (url.regionMatches(true, 0, "https://", 0, 8)) {
            throw d.errorText("https protocol requires SSL support");
        } else {
            throw d.errorText("invalid URL prefix in \"" + url + "\"");
        }
        int slash = url.indexOf('/', hostStart);
        String authority = slash < 0 ? url.substring(hostStart) : url.substring(hostStart, slash);
        String uri = slash < 0 ? null : url.substring(slash);
        // ngx_http_upstream_add parses the address first and names the whole rest of the URL.
        ServerAddress address;
        try {
            address = ServerAddress.parse(authority, 80);
        } catch (ServerAddress.Invalid e) {
            throw d.errorText(e.getMessage() + " in upstream \"" + url.substring(hostStart) + "\"");
        }
        if (uri != null && !uriAllowed) {
            throw d.errorText("\"proxy_pass\" cannot have URI part in location given by regular expression, "
                    + "or inside named location, or inside \"if\" statement, or inside \"limit_except\" block");
        }
        boolean portGiven = !address.unix() && authority.lastIndexOf(':') > authority.lastIndexOf(']');
        targets.accept(new Target(address.host(), authority, portGiven, d));
        String proxyHost = address.unix() ? "localhost" : (address.port() == 80 ? stripDefaultPort(authority) : authority);
        String key = portGiven ? UpstreamConfig.key(authority) : UpstreamConfig.key(address.host());
        return new ProxyPass(key, proxyHost, authority, uri, null, d.position());
    }

    private static String stripDefaultPort(String authority) {
        return authority.endsWith(":80") ? authority.substring(0, authority.length() - 3) : authority;
    }
}
