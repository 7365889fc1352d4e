package dev.ferry.server.config;

import dev.ferry.conf.ConfigException;
import dev.ferry.conf.Directive;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Reads a {@code listen} directive as nginx's {@code ngx_http_core_listen} does. */
final class ListenParser {

    /** A parsed listen plus whether it set socket options, which nginx allows once per address. */
    record Parsed(ListenConfig listen, boolean hasSocketOptions) {
    }

    private ListenParser() {
    }

    static Parsed parse(Directive d) {
        String text = d.arg(0);
        String host;
        String portText;
        if (text.regionMatches(true, 0, "unix:", 0, 5)) {
            throw d.errorText("unix domain sockets in \"listen\" are not supported yet");
        }
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw d.errorText("invalid host in \"" + text + "\" of the \"listen\" directive");
            }
            host = text.substring(1, close);
            portText = close + 1 < text.length() && text.charAt(close + 1) == ':' ? text.substring(close + 2) : null;
        } else if (text.chars().allMatch(Character::isDigit)) {
            host = "*";
            portText = text;
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
        }
        int port = 80;
        if (portText != null) {
            port = parsePort(portText);
            if (port < 0) {
                throw d.errorText("invalid port in \"" + text + "\" of the \"listen\" directive");
            }
        }
        String bindHost = host.equals("*") ? null : resolve(host, text, d);

        boolean defaultServer = false;
        boolean reuseport = false;
        boolean options = false;
        int backlog = ListenConfig.DEFAULT_BACKLOG;
        for (String param : d.args().subList(1, d.args().size())) {
            if (param.equals("default_server") || param.equals("default")) {
                defaultServer = true;
            } else if (param.startsWith("backlog=")) {
                backlog = parseInt(param.substring(8));
                if (backlog < 0) {
                    throw d.errorText("invalid backlog \"" + param.substring(8) + "\"");
                }
                options = true;
            } else if (param.equals("reuseport")) {
                reuseport = true;
                options = true;
            } else if (param.equals("bind") || param.equals("deferred")) {
                options = true;
            } else if (param.equals("ssl")) {
                throw d.errorText("the \"ssl\" parameter requires ngx_http_ssl_module");
            } else if (param.equals("http2")) {
                throw d.errorText("the \"http2\" parameter requires ngx_http_v2_module");
            } else if (param.equals("quic")) {
                throw d.errorText("the \"quic\" parameter requires ngx_http_v3_module");
            } else {
                throw d.errorText("invalid parameter \"" + param + "\"");
            }
        }
        return new Parsed(new ListenConfig(bindHost, port, defaultServer, backlog, reuseport, d.position()), options);
    }

    private static String resolve(String host, String text, Directive d) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("host not found in \"" + text + "\" of the \"listen\" directive", d.position());
        }
    }

    private static int parsePort(String text) {
        int port = parseInt(text);
        return port < 1 || port > 65535 ? -1 : port;
    }

    /** nginx's ngx_atoi: digits only; -1 when invalid. */
    static int parseInt(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }
}
