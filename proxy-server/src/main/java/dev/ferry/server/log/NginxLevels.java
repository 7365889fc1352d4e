package dev.ferry.server.log;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * nginx's levels that SLF4J lacks, as markers: {@code log.error(NginxLevels.EMERG, ...)} is
 * written as {@code [emerg]}, {@code log.info(NginxLevels.INFO, ...)} as {@code [info]}.
 */
public final class NginxLevels {

    public static final Marker EMERG = MarkerFactory.getMarker("emerg");
    public static final Marker ALERT = MarkerFactory.getMarker("alert");
    public static final Marker CRIT = MarkerFactory.getMarker("crit");
    public static final Marker INFO = MarkerFactory.getMarker("info");

    private NginxLevels() {
    }
}
