package dev.ferry.server.cli;

import dev.ferry.conf.registry.ConfigModule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@code -v} and {@code -V} print, in nginx's shape. */
public final class Version {

    public static final String VERSION = "0.1.0";

    /** The nginx version whose behaviour Ferry follows (SPEC-nginx.md). */
    public static final String NGINX_COMPATIBLE = "1.30.0";

    /**
     * nginx's default-built modules that its configure script can switch off with
     * {@code --without-<module>}. Those Ferry does not implement are listed as
     * {@code --without-...} in {@code -V}, so tools that probe it see the truth.
     */
    static final List<String> NGINX_DEFAULT_MODULES = List.of(
            "http_charset_module", "http_gzip_module", "http_ssi_module", "http_userid_module",
            "http_access_module", "http_auth_basic_module", "http_mirror_module", "http_autoindex_module",
            "http_geo_module", "http_map_module", "http_split_clients_module", "http_referer_module",
            "http_rewrite_module", "http_proxy_module", "http_fastcgi_module", "http_uwsgi_module",
            "http_scgi_module", "http_grpc_module", "http_memcached_module", "http_limit_conn_module",
            "http_limit_req_module", "http_empty_gif_module", "http_browser_module",
            "http_upstream_hash_module", "http_upstream_ip_hash_module", "http_upstream_least_conn_module",
            "http_upstream_random_module", "http_upstream_keepalive_module", "http_upstream_zone_module",
            "http-cache");

    private Version() {
    }

    public static String versionLine() {
        return "ferry version: ferry/" + VERSION + " (nginx/" + NGINX_COMPATIBLE + " compatible)";
    }

    /** The lines {@code -V} adds after the version line. */
    public static List<String> configureLines(String prefix, List<ConfigModule> modules) {
        Set<String> implemented = modules.stream().map(ConfigModule::name).collect(Collectors.toSet());
        String without = NGINX_DEFAULT_MODULES.stream()
                .filter(m -> !implemented.contains(m))
                .map(m -> " --without-" + m)
                .collect(Collectors.joining());
        Runtime.Version runtime = Runtime.version();
        return List.of(
                "built with Java " + runtime.feature() + " (running with " + System.getProperty("java.vm.name")
                        + " " + runtime + ", " + System.getProperty("java.vendor") + ")",
                "configure arguments: --prefix=" + prefix + without);
    }

    public static String usage() {
        return """
                Usage: ferry [-?hvVtTq] [-s signal] [-p prefix]
                             [-e filename] [-c filename] [-g directives]

                Options:
                  -?,-h         : this help
                  -v            : show version and exit
                  -V            : show version and configure options then exit
                  -t            : test configuration and exit
                  -T            : test configuration, dump it and exit
                  -q            : suppress non-error messages during configuration testing
                  -s signal     : send signal to a master process: stop, quit, reopen, reload
                  -p prefix     : set prefix path (default: the Ferry install directory)
                  -e filename   : set error log file (default: logs/error.log)
                  -c filename   : set configuration file (default: conf/ferry.conf)
                  -g directives : set global directives out of configuration file
                """;
    }
}
