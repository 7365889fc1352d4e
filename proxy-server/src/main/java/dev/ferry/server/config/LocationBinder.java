package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import dev.ferry.server.config.LocationConfig.Match;
import dev.ferry.server.vars.VariableCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Binds {@code location} blocks with the modifier and nesting rules of nginx's
 * {@code ngx_http_core_location}, and the duplicate check of its location trees.
 */
final class LocationBinder {

    private final Consumer<ProxyPassParser.Target> targets;
    private final VariableCatalog variables;
    private final SettingsBinder settings;

    LocationBinder(Consumer<ProxyPassParser.Target> targets, VariableCatalog variables, SettingsBinder settings) {
        this.targets = targets;
        this.variables = variables;
        this.settings = settings;
    }

    /**
     * Binds the locations of one level (a server, or a parent location).
     *
     * @param levels the blocks around them, the server's or the parent location's included
     */
    List<LocationConfig> bindLevel(List<Directive> block, LocationConfig parent, Levels levels) {
        List<LocationConfig> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Directive d : Directives.all(block, "location")) {
            LocationConfig location = bind(d, parent, levels);
            // ngx_http_join_exact_locations only sees the static (exact and prefix) locations:
            // regex and named ones are split off before, so they may repeat.
            boolean isStatic = location.match() == Match.EXACT || location.match().isPrefix();
            String key = (location.match() == Match.EXACT ? "=" : "") + location.name();
            if (isStatic && !seen.add(key)) {
                throw d.errorText("duplicate location \"" + location.name() + "\"");
            }
            out.add(location);
        }
        return out;
    }

    private LocationConfig bind(Directive d, LocationConfig parent, Levels outer) {
        Head head = Head.parse(d);
        checkNesting(d, head.match(), head.name(), parent);
        Match match = head.match();
        boolean uriAllowed = !match.isRegex() && match != Match.NAMED;
        LocationAction action = bindAction(d.block(), uriAllowed);
        Levels levels = outer.inner(d.block());
        LocationConfig self = new LocationConfig(match, head.name(), head.regex(), action, null, List.of(), d.position());
        ProxyPass pass = action instanceof LocationAction.Proxy p ? p.pass() : null;
        LocationSettings effective = settings.location(levels, self, pass);
        List<LocationConfig> nested = bindLevel(d.block(), self, levels);
        return new LocationConfig(match, head.name(), head.regex(), action, effective, nested, d.position());
    }

    private static void checkNesting(Directive d, Match match, String name, LocationConfig parent) {
        if (parent == null) {
            return;
        }
        if (parent.match() == Match.EXACT) {
            throw d.errorText("location \"" + name + "\" cannot be inside the exact location \"" + parent.name() + "\"");
        }
        if (parent.match() == Match.NAMED) {
            throw d.errorText("location \"" + name + "\" cannot be inside the named location \"" + parent.name() + "\"");
        }
        if (match == Match.NAMED) {
            throw d.errorText("named location \"" + name + "\" can be on the server level only");
        }
        if (!match.isRegex() && !name.startsWith(parent.name())) {
            throw d.errorText("location \"" + name + "\" is outside location \"" + parent.name() + "\"");
        }
    }

    /** The location's {@code proxy_pass} or first {@code return}; nginx runs the first return it meets. */
    LocationAction bindAction(List<Directive> block, boolean uriAllowed) {
        Directive proxyPass = Directives.single(block, "proxy_pass");
        List<Directive> returns = Directives.all(block, "return");
        LocationAction action = null;
        for (Directive r : returns) {
            ReturnAction parsed = ReturnParser.parse(r, variables);
            if (action == null) {
                action = new LocationAction.Return(parsed);
            }
        }
        if (action == null && proxyPass != null) {
            action = new LocationAction.Proxy(ProxyPassParser.parse(proxyPass, uriAllowed, targets, variables));
        } else if (proxyPass != null) {
            ProxyPassParser.parse(proxyPass, uriAllowed, targets, variables); // still validated, as nginx does
        }
        return action;
    }

    /** The part of a location that needs no other directive: modifier, name, compiled regex. */
    record Head(Match match, String name, Pattern regex) {

        /** Reads {@code location [=|~|~*|^~] name} as ngx_http_core_location does; the registry's check. */
        static Head parse(Directive d) {
            Match match;
            String name;
            if (d.args().size() == 2) {
                match = switch (d.arg(0)) {
                    case "=" -> Match.EXACT;
                    case "^~" -> Match.PREFIX_NO_REGEX;
                    case "~" -> Match.REGEX;
                    case "~*" -> Match.REGEX_CASELESS;
                    default -> throw d.errorText("invalid location modifier \"" + d.arg(0) + "\"");
                };
                name = d.arg(1);
            } else {
                String value = d.arg(0);
                // Only "=" and "~"/"~*" may be stuck to the name; "^~/x" is the plain prefix "^~/x".
                if (value.startsWith("=")) {
                    match = Match.EXACT;
                    name = value.substring(1);
                } else if (value.startsWith("~*")) {
                    match = Match.REGEX_CASELESS;
                    name = value.substring(2);
                } else if (value.startsWith("~")) {
                    match = Match.REGEX;
                    name = value.substring(1);
                } else if (value.startsWith("@")) {
                    match = Match.NAMED;
                    name = value;
                } else {
                    match = Match.PREFIX;
                    name = value;
                }
            }
            Pattern regex = null;
            if (match.isRegex()) {
                try {
                    regex = Pattern.compile(name, match == Match.REGEX_CASELESS ? Pattern.CASE_INSENSITIVE : 0);
                } catch (PatternSyntaxException e) {
                    throw d.errorText("pcre2_compile() failed: " + e.getDescription() + " in \"" + name + "\" at \""
                            + name.substring(Math.max(0, Math.min(name.length(), e.getIndex()))) + "\"");
                }
            }
            return new Head(match, name, regex);
        }
    }
}
