package dev.ferry.server.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ferry.conf.ConfigException;
import dev.ferry.conf.syntax.SourceFile;
import dev.ferry.server.config.ConfigLoader;
import dev.ferry.conf.ConfigWarning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.accesslog.AccessLogWriter;
import dev.ferry.server.http.AccessLogRecorder;
import dev.ferry.server.lifecycle.FerryServer;
import dev.ferry.server.lifecycle.PidFile;
import dev.ferry.server.lifecycle.ProxyUpstreamHealth;
import dev.ferry.server.lifecycle.Signals;
import dev.ferry.server.lifecycle.Transport;
import dev.ferry.server.log.ErrorLog;
import dev.ferry.server.log.NginxLevels;
import dev.ferry.upstream.config.HostResolver;
import dev.ferry.vrrp.io.VrrpSpeaker;
import dev.ferry.vrrp.io.VrrpStartFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the {@code ferry} command, following nginx's {@code main()}: options, version
 * and help, configuration test and dump, signalling a running instance, or serving.
 */
public final class Ferry {

    private static final String DEFAULT_CONFIG = "conf/ferry.conf";

    private final PrintStream out;
    private final PrintStream err;

    public Ferry(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Returns the exit status, or -1 when the server runs on (it exits from its stop signal). */
    public int run(String[] args) {
        CommandLine cmd;
        try {
            cmd = CommandLine.parse(List.of(args));
        } catch (CommandLine.InvalidOption e) {
            err.println("ferry: " + e.getMessage());
            return 1;
        }
        Path prefix = prefix(cmd);
        if (cmd.showVersion()) {
            err.println(Version.versionLine());
            if (cmd.showHelp()) {
                err.print(Version.usage());
            }
            if (cmd.showConfigure()) {
                Version.configureLines(prefix.toString(), ConfigLoader.modules(HostResolver.SYSTEM, prefix)).forEach(err::println);
            }
            if (!cmd.testConfig()) {
                return 0;
            }
        }
        Path configFile = prefix.resolve(cmd.configFile() == null ? DEFAULT_CONFIG : cmd.configFile()).normalize();
        FerryConfig config;
        try {
            config = loader(prefix).load(configFile, cmd.globals());
        } catch (ConfigException e) {
            err.println("ferry: [emerg] " + e.getMessage());
            if (cmd.testConfig()) {
                err.println("ferry: configuration file " + configFile + " test failed");
            }
            return 1;
        }
        for (ConfigWarning w : config.warnings()) {
            if (w.level().equals("warn")) {
                err.println("ferry: [warn] " + w.text());
            }
        }
        if (cmd.testConfig()) {
            return test(cmd, configFile, config);
        }
        if (cmd.signal() != null) {
            return signal(config, cmd.signal());
        }
        return serve(cmd, prefix, configFile, config);
    }

    private static Path prefix(CommandLine cmd) {
        String p = cmd.prefix() != null ? cmd.prefix() : System.getProperty("ferry.home", ".");
        return Path.of(p).toAbsolutePath().normalize();
    }

    private static ConfigLoader loader(Path prefix) {
        return new ConfigLoader(prefix, HostResolver.SYSTEM, isRoot() ? 80 : 8000);
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private int test(CommandLine cmd, Path configFile, FerryConfig config) {
        if (!cmd.quiet()) {
            err.println("ferry: the configuration file " + configFile + " syntax is ok");
            err.println("ferry: configuration file " + configFile + " test is successful");
        }
        if (cmd.dumpConfig()) {
            for (SourceFile file : config.source().files()) {
                out.print("# configuration file " + file.path() + ":\n");
                out.write(file.content(), 0, file.content().length);
                out.print("\n");
            }
            out.flush();
        }
        return 0;
    }

    /** {@code -s NAME}: read the pid file the config names and send the signal, as nginx does. */
    private int signal(FerryConfig config, String command) {
        Path pidFile = config.main().pidFile();
        long pid;
        try {
            pid = PidFile.read(pidFile);
        } catch (NoSuchFileException e) {
            err.println("ferry: [error] open() \"" + pidFile + "\" failed (2: No such file or directory)");
            return 1;
        } catch (IOException e) {
            err.println("ferry: [error] open() \"" + pidFile + "\" failed (" + e.getMessage() + ")");
            return 1;
        } catch (PidFile.InvalidPid e) {
            err.println("ferry: [error] " + e.getMessage());
            return 1;
        }
        String name = Signals.BY_COMMAND.get(command);
        int errno = Signals.kill(pid, name);
        if (errno != 0) {
            err.println("ferry: [alert] kill(" + pid + ", " + Signals.number(name) + ") failed ("
                    + errno + ": " + Errors.strerror(errno) + ")");
            return 1;
        }
        return 0;
    }

    private int serve(CommandLine cmd, Path prefix, Path configFile, FerryConfig config) {
        Path early = cmd.errorLog() == null || cmd.errorLog().equals("stderr") ? null : prefix.resolve(cmd.errorLog());
        ErrorLog.startup(early);
        Logger log = LoggerFactory.getLogger("ferry");
        Config tunables = ConfigFactory.load().getConfig("ferry");
        AccessLogWriter accessLog = AccessLogWriter.start();
        try {
            accessLog.open(config.http().logFiles());
        } catch (ConfigException e) {
            err.println("ferry: [emerg] " + e.getMessage());
            accessLog.close();
            return 1;
        }
        FerryServer server = new FerryServer(config, Transport.choose(tunables.getString("transport")),
                new AccessLogRecorder(accessLog));
        try {
            server.start();
        } catch (FerryServer.BindFailure e) {
            err.println("ferry: [emerg] " + e.getMessage());
            server.stop();
            return 1;
        }
        ErrorLog.configure(config.main().errorLog());
        config.warnings().forEach(w -> log.info("{}", w.text()));
        // VRRP starts once the listeners are bound, so a node never claims a VIP it cannot serve.
        VrrpSpeaker vrrp = new VrrpSpeaker(prefix.resolve("logs/vrrp.status"),
                new ProxyUpstreamHealth(server::current));
        try {
            vrrp.configure(config.vrrp());
        } catch (VrrpStartFailure e) {
            err.println("ferry: [emerg] " + e.getMessage());
            vrrp.stop();
            server.stop();
            return 1;
        }
        Path pidFile = config.main().pidFile();
        long pid = ProcessHandle.current().pid();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            // Resign first (priority 0, VIPs removed) so the peer takes over after Skew_Time.
            vrrp.stop();
            server.stop();
            accessLog.close();
            PidFile.remove(pidFile, pid);
            stopped.countDown();
        };
        Signals.handle("TERM", () -> {
            log.info("signal 15 (SIGTERM) received, exiting");
            stop.run();
        });
        Signals.handle("INT", () -> {
            log.info("signal 2 (SIGINT) received, exiting");
            stop.run();
        });
        Signals.handle("QUIT", () -> {
            log.info("signal 3 (SIGQUIT) received, shutting down");
            log.info("gracefully shutting down");
            vrrp.stop();
            server.quit(server.current().config().main().shutdownTimeout());
            accessLog.close();
            PidFile.remove(pidFile, pid);
            stopped.countDown();
        });
        Signals.handle("HUP", () -> reload(log, server, accessLog, vrrp, prefix, configFile, cmd.globals()));
        Signals.handle("USR1", () -> {
            log.info("signal 10 (SIGUSR1) received, reopening logs");
            ErrorLog.configure(server.current().config().main().errorLog());
            accessLog.reopen();
        });
        // The pid file comes last, once every handler is in place: a tool that saw the file may
        // signal at once, and HotSpot's default for an unhandled HUP is to exit.
        try {
            PidFile.write(pidFile, pid);
        } catch (IOException e) {
            err.println("ferry: [emerg] open() \"" + pidFile + "\" failed (" + e.getMessage() + ")");
            vrrp.stop();
            server.stop();
            return 1;
        }
        log.info("ferry/{} started, pid {}, listening on {}", Version.VERSION, pid, server.current().listens().keySet());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** HUP: a config that fails to load changes nothing; the old one keeps serving. */
    private static void reload(Logger log, FerryServer server, AccessLogWriter accessLog, VrrpSpeaker vrrp,
            Path prefix, Path configFile, String globals) {
        log.info("signal 1 (SIGHUP) received, reconfiguring");
        try {
            FerryConfig next = loader(prefix).load(configFile, globals);
            accessLog.open(next.http().logFiles());
            server.reload(next);
            try {
                vrrp.configure(next.vrrp());
            } catch (VrrpStartFailure e) {
                log.error(NginxLevels.EMERG, "{}", e.getMessage());
            }
            ErrorLog.configure(next.main().errorLog());
            next.warnings().forEach(w -> log.info("{}", w.text()));
            log.info("reconfiguring");
        } catch (ConfigException e) {
            log.error(NginxLevels.EMERG, "{}", e.getMessage());
        } catch (FerryServer.BindFailure e) {
            log.error(NginxLevels.EMERG, "{}", e.getMessage());
        }
    }
}
