package dev.ferry.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderNameSetTest {

    @Test
    void findsNamesWhateverTheirCase() {
        HeaderNameSet set = HeaderNameSet.of("X-Accel-Expires", "date", "Server");
        assertTrue(set.contains("x-accel-expires"));
        assertTrue(set.contains("DATE"));
        assertTrue(set.contains(new StringBuilder("sErVeR")));
        assertFalse(set.contains("dates"));
        assertFalse(set.contains("dat"));
        assertFalse(set.contains(""));
        assertEquals(Set.of("x-accel-expires", "date", "server"), set.names());
    }

    @Test
    void emptySetHasNothing() {
        HeaderNameSet set = HeaderNameSet.of(List.of());
        assertFalse(set.contains("host"));
    }

    @Test
    void manyNamesWithCollidingSlotsAreAllFound() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            names.add("X-Header-" + i);
        }
        HeaderNameSet set = HeaderNameSet.of(names);
        for (int i = 0; i < 200; i++) {
            assertTrue(set.contains("x-header-" + i), "x-header-" + i);
            assertFalse(set.contains("x-header-" + (i + 200)));
        }
    }
}
