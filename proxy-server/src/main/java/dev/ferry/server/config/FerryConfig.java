package dev.ferry.server.config;

import dev.ferry.conf.ConfigWarning;
import dev.ferry.conf.syntax.ParsedConfig;
import dev.ferry.vrrp.config.VrrpInstanceConfig;
import java.util.List;
import java.util.Objects;

/**
 * A whole loaded configuration: the typed model plus what it was read from.
 *
 * @param main     main-context settings
 * @param http     the http block, or {@link HttpConfig#EMPTY} when there is none
 * @param source   the parsed files, for {@code -T}
 * @param warnings warnings and notices found while loading, in order
 * @param vrrp     the {@code vrrp_instance} blocks, in config order
 */
public record FerryConfig(MainConfig main, HttpConfig http, ParsedConfig source, List<ConfigWarning> warnings,
        List<VrrpInstanceConfig> vrrp) {

    public FerryConfig {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(source, "source");
        warnings = List.copyOf(warnings);
        vrrp = List.copyOf(vrrp);
    }

    /** A configuration without VRRP instances. */
    public FerryConfig(MainConfig main, HttpConfig http, ParsedConfig source, List<ConfigWarning> warnings) {
        this(main, http, source, warnings, List.of());
    }
}
