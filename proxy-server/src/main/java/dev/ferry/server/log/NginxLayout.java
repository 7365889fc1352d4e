package dev.ferry.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.slf4j.Marker;

/**
 * Error-log lines in nginx's format: {@code 2026/08/21 17:00:43 [error] 12345#0: message}.
 * nginx's eight levels map onto SLF4J's five: notice is INFO, crit/alert/emerg are ERROR.
 */
public final class NginxLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Set<String> NGINX_ONLY = Set.of("emerg", "alert", "crit", "info");
    private static final long PID = ProcessHandle.current().pid();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128)
                .append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append(" [").append(levelName(event)).append("] ")
                .append(PID).append("#0: ")
                .append(event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(" (").append(thrown.getClassName()).append(": ").append(thrown.getMessage()).append(')');
        }
        return line.append('\n').toString();
    }

    static String levelName(ILoggingEvent event) {
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker marker : markers) {
                if (NGINX_ONLY.contains(marker.getName())) {
                    return marker.getName();
                }
            }
        }
        return switch (event.getLevel().toInt()) {
            case Level.ERROR_INT -> "error";
            case Level.WARN_INT -> "warn";
            case Level.INFO_INT -> "notice";
            default -> "debug";
        };
    }

    /** nginx's level name to the SLF4J level that lets it and everything more severe through. */
    static Level threshold(String nginxLevel) {
        return switch (nginxLevel) {
            case "debug" -> Level.DEBUG;
            case "info", "notice" -> Level.INFO;
            case "warn" -> Level.WARN;
            default -> Level.ERROR;
        };
    }
}
