package dev.ferry.bench;

import dev.ferry.conf.registry.DirectiveRegistry;
import dev.ferry.conf.syntax.ConfigParser;
import dev.ferry.conf.syntax.ParsedConfig;
import dev.ferry.server.config.ConfigLoader;
import dev.ferry.server.config.FerryConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a start or a reload costs before any socket is touched: text to directive tree with
 * the registry's checks ({@code parse}), and the whole load to the typed model ({@code load}),
 * for the shipped demo and for a generated config of 50 upstreams and 200 virtual servers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConfigParseBench {

    @Param({"demo", "large"})
    public String config;

    private Path dir;
    private Path file;

    @Setup
    public void setUp() {
        dir = Configs.tempDir();
        file = config.equals("demo") ? Configs.demo(dir) : Configs.write(dir, "large.conf", Configs.large(50, 200));
        Configs.load(dir, file); // fails the setup, loudly, when the config does not load
    }

    /**
     * Tokeniser, parser and per-directive checks: nginx's ngx_conf_parse. The modules keep
     * per-parse state (names seen), so each parse gets a fresh registry, as each load does.
     */
    @Benchmark
    public ParsedConfig parse() {
        return ConfigParser.parse(file, DirectiveRegistry.of(ConfigLoader.modules(Configs.LITERALS, dir)).checker());
    }

    /** Everything a reload does before it swaps the snapshot: parse, bind every module, resolve. */
    @Benchmark
    public FerryConfig load() {
        return Configs.load(dir, file);
    }
}
