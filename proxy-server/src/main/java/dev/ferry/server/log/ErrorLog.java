package dev.ferry.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.ferry.server.config.ErrorLogConfig;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Points the SLF4J error log at the main {@code error_log} (a file, appended to, or stderr)
 * with its level, in nginx's line format. Before a config is read it goes to stderr at
 * {@code warn}, like nginx's messages before its log is open.
 */
public final class ErrorLog {

    private ErrorLog() {
    }

    public static void startup(Path earlyFile) {
        apply(earlyFile, Level.WARN);
    }

    public static void configure(ErrorLogConfig config) {
        apply(config.file(), NginxLayout.threshold(config.level()));
    }

    private static synchronized void apply(Path file, Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender(context, file));
        root.setLevel(level);
        // Netty's own debug chatter is not part of nginx's error log.
        context.getLogger("io.netty").setLevel(level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO);
    }

    static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, Path file) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        NginxLayout layout = new NginxLayout();
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setFile(file.toString());
            fileAppender.setAppend(true);
            appender = fileAppender;
        }
        appender.setContext(context);
        appender.setName("error_log");
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
