package dev.ferry.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.conf.registry.ConfigModule;
import dev.ferry.conf.registry.DirectiveSpec;
import dev.ferry.upstream.config.HostResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's directive table says what the registry does: no directive missing, none misreported. */
class DirectiveTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_0-9]+)`[^|]*\\| (supported|inert|not yet) \\|");

    /** "name status" for every row of the README table. */
    private static Set<String> readmeRows() throws Exception {
        Set<String> rows = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.add(m.group(1) + " " + m.group(2));
            }
        }
        return rows;
    }

    private static Set<String> registered() {
        Set<String> specs = new TreeSet<>();
        for (ConfigModule module : ConfigLoader.modules(HostResolver.SYSTEM, Path.of("."))) {
            for (DirectiveSpec spec : module.directives()) {
                specs.add(spec.name() + " " + (spec.effect() == DirectiveSpec.Effect.INERT ? "inert" : "supported"));
            }
        }
        specs.add("include supported"); // handled by the parser in every context
        return specs;
    }

    @Test
    void everyRegisteredDirectiveIsInTheTableWithItsStatus() throws Exception {
        Set<String> missing = new TreeSet<>(registered());
        missing.removeAll(readmeRows());
        assertEquals(Set.of(), missing, "README.md directive table lacks these rows");
    }

    @Test
    void everySupportedOrInertRowIsRegistered() throws Exception {
        Set<String> claimed = new TreeSet<>();
        for (String row : readmeRows()) {
            if (!row.endsWith("not yet")) {
                claimed.add(row);
            }
        }
        claimed.removeAll(registered());
        assertEquals(Set.of(), claimed, "README.md claims these directives, but no module registers them");
    }

    @Test
    void noNotYetRowNamesADirectiveThatExists() throws Exception {
        List<String> registeredNames = registered().stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
        for (String row : readmeRows()) {
            if (row.endsWith("not yet")) {
                String name = row.substring(0, row.indexOf(' '));
                assertTrue(!registeredNames.contains(name), name + " is registered but the README says not yet");
            }
        }
    }
}
