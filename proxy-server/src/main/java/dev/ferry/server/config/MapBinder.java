package dev.ferry.server.config;

import dev.ferry.conf.Directive;
import dev.ferry.server.vars.MapVariable;
import dev.ferry.server.vars.Template;
import dev.ferry.server.vars.VariableCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Binds the http block's {@code map} blocks into variables, with the checks of nginx's
 * {@code ngx_http_map_block}. All map names are known before any is compiled, so a map may
 * use another defined later in the file.
 */
final class MapBinder {

    private MapBinder() {
    }

    /** The built-in catalog plus every map's variable. */
    static VariableCatalog bind(List<Directive> http, VariableCatalog builtIn) {
        Map<Directive, MapVariable> maps = new LinkedHashMap<>();
        VariableCatalog catalog = builtIn;
        for (Directive d : Directives.all(http, "map")) {
            MapVariable variable = new MapVariable();
            maps.put(d, variable);
            catalog = catalog.with(targetName(d), variable);
        }
        for (Map.Entry<Directive, MapVariable> entry : maps.entrySet()) {
            entry.getValue().define(definition(entry.getKey(), catalog));
        }
        return catalog;
    }

    /** The second argument must be a variable: {@code map $a $b}. */
    static String targetName(Directive d) {
        String target = d.arg(1);
        if (!target.startsWith("$") || target.length() == 1) {
            throw d.errorText("invalid variable name \"" + target + "\"");
        }
        return target.substring(1);
    }

    private static MapVariable.Definition definition(Directive map, VariableCatalog catalog) {
        Template source = Template.compile(map.arg(0), catalog, map.position());
        Map<String, Template> exact = new HashMap<>();
        List<String> wildcards = new ArrayList<>();
        List<MapVariable.RegexEntry> regexes = new ArrayList<>();
        Template defaultValue = Template.literal("");
        boolean hostnames = false;
        boolean defaultSeen = false;
        for (Directive entry : map.block()) {
            String key = entry.name();
            List<String> args = entry.args();
            if (args.isEmpty() && (key.equals("hostnames") || key.equals("volatile"))) {
                hostnames |= key.equals("hostnames");
                continue;
            }
            if (args.size() != 1) {
                throw entry.errorText("invalid number of the map parameters");
            }
            Template value = Template.compile(args.get(0), catalog, entry.position());
            if (key.equals("default")) {
                if (defaultSeen) {
                    throw entry.errorText("duplicate default map parameter");
                }
                defaultSeen = true;
                defaultValue = value;
            } else if (key.startsWith("~")) {
                boolean caseless = key.startsWith("~*");
                String regex = key.substring(caseless ? 2 : 1);
                try {
                    regexes.add(new MapVariable.RegexEntry(
                            Pattern.compile(regex, caseless ? Pattern.CASE_INSENSITIVE : 0), value));
                } catch (PatternSyntaxException e) {
                    throw entry.errorText("pcre2_compile() failed: " + e.getDescription() + " in \"" + regex + "\"");
                }
            } else {
                // A leading backslash lets a key start with "~" or be a keyword, as in nginx.
                String literal = (key.startsWith("\\") ? key.substring(1) : key).toLowerCase(Locale.ROOT);
                boolean wildcard = hostnames && (literal.startsWith(".") || literal.startsWith("*.") || literal.endsWith(".*"));
                String slot = wildcard ? "\u0000" + literal : literal;
                if (exact.putIfAbsent(slot, value) != null) {
                    throw entry.errorText("conflicting parameter \"" + key + "\"");
                }
                if (wildcard) {
                    wildcards.add(literal);
                }
            }
        }
        return new MapVariable.Definition(source, exact, wildcards, regexes, defaultValue);
    }
}
