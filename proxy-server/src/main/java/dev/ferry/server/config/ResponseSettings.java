package dev.ferry.server.config;

import java.util.List;

/**
 * How responses are finished in one location after inheritance.
 *
 * @param errorPages   {@code error_page} entries from the nearest level that has any
 * @param addHeaders   {@code add_header} entries from the nearest level that has any
 * @param serverTokens {@code server_tokens}: the version in {@code Server} and error pages
 * @param defaultType  {@code default_type}: the Content-Type of {@code return} text (nginx: text/plain)
 */
public record ResponseSettings(List<ErrorPage> errorPages, List<HeaderEntry> addHeaders, boolean serverTokens,
        String defaultType) {

    public ResponseSettings {
        errorPages = List.copyOf(errorPages);
        addHeaders = List.copyOf(addHeaders);
    }

    /** The error_page for {@code status}, or {@code null}. */
    public ErrorPage errorPage(int status) {
        for (ErrorPage page : errorPages) {
            if (page.codes().contains(status)) {
                return page;
            }
        }
        return null;
    }
}
