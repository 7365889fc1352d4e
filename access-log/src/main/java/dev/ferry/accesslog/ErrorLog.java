package dev.ferry.accesslog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Where the access log reports its own trouble: the SLF4J error log, with the markers the
 * proxy's layout turns into nginx's levels above {@code error} ({@code [crit]},
 * {@code [alert]}, {@code [emerg]}).
 */
final class ErrorLog {

    static final Logger LOG = LoggerFactory.getLogger("dev.ferry.accesslog");
    static final Marker CRIT = MarkerFactory.getMarker("crit");
    static final Marker ALERT = MarkerFactory.getMarker("alert");
    static final Marker EMERG = MarkerFactory.getMarker("emerg");

    private ErrorLog() {
    }
}
