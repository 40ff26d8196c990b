package edgebox.features.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path home;

    @Test
    void nothingSavedIsEmpty() throws Exception {
        assertEquals(Set.of(), new StateStore(home.resolve("data/features.state")).load());
    }

    @Test
    void savesInOrderReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path file = home.resolve("data/features.state");
        StateStore store = new StateStore(file);

        store.save(new LinkedHashSet<>(List.of("core", "dns", "proxy")));
        store.save(new LinkedHashSet<>(List.of("core", "proxy")));

        assertEquals(List.of("core", "proxy"), List.copyOf(new StateStore(file).load()));
        assertFalse(Files.exists(home.resolve("data/features.state.tmp")));
        try (var files = Files.list(home.resolve("data"))) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
