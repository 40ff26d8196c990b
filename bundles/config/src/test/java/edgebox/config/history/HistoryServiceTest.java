package edgebox.config.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.config.apply.Refused;

/** The console's side of the history: rollback, export and import, and how each refusal leaves everything as it was. */
class HistoryServiceTest {

    static final String HEALTH_CFG = "etc/edgebox.health.cfg";

    @TempDir
    Path home;
    private Box box;
    private HistoryService service;

    @BeforeEach
    void start() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 9090\nadmin = s3cret\n");
        Box.seed(home, "etc/manifests/web.yaml", Box.route("shop", "shop.example"));
        box = new Box(home, 200);
        CommitConfirm none = new CommitConfirm(home.resolve("data/config/commit-confirm.properties"), box.history,
                Clock.systemUTC(), Runnable::run);
        service = new HistoryService(box.history, none, home, Clock.systemUTC(), (who, change) -> {
            try {
                return change.call();
            } finally {
                box.history.record(who);
            }
        });
    }

    @Test
    void rollbackSaysWhatItDidAndHowLongItTook() throws Exception {
        box.edit(HEALTH_CFG, "port = 9091\nadmin = s3cret\n");
        String said = service.rollback(1, "operator (ssh from 127.0.0.1, session 3)");
        assertTrue(said.matches("(?s)rolled back to revision 1: now revision 3, edgebox\\.health port: 9091 → 9090"
                + " \\(\\d+ ms\\)\n  wrote etc/edgebox\\.health\\.cfg"), said);
        assertEquals("rollback to 1 by operator (ssh from 127.0.0.1, session 3)", box.revisions().get(0).who());
        assertTrue(service.rollback(3, "operator").startsWith("revision 3 is the configuration in force already"));
        assertEquals(3, box.revisions().size());
    }

    @Test
    void anExportImportedLaterBringsItsConfigurationBack() throws Exception {
        String said = service.exportTo("backup.zip", "operator");
        assertEquals("exported revision 1 (2 files) to " + home.resolve("backup.zip")
                + "; it holds secrets: keep it safe", said);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("backup.zip"))));

        box.edit(HEALTH_CFG, "port = 9091\n");
        box.remove("etc/manifests/web.yaml");
        box.edit("etc/manifests/other.yaml", Box.route("other", "other.example"));

        String imported = service.importFrom("backup.zip", "operator");
        assertTrue(imported.startsWith("imported " + home.resolve("backup.zip") + ": now revision 5, "), imported);
        assertEquals(9090, box.value(Box.HEALTH, "port"));
        assertEquals("s3cret", box.value(Box.HEALTH, "admin"), "secrets are configuration: kept in exports");
        assertEquals("shop.example", box.value(Box.SHOP, "host"));
        assertEquals(box.history.revision(1).files(), box.engine.accepted());
        assertEquals("import backup.zip by operator", box.revisions().get(0).who());
    }

    @Test
    void aDamagedExportIsRefusedAndNothingChanges() throws Exception {
        service.exportTo("backup.zip", "operator");
        byte[] whole = Files.readAllBytes(home.resolve("backup.zip"));
        box.edit(HEALTH_CFG, "port = 9091\n");

        Files.write(home.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRefusedUnchanged("cut.zip", home.resolve("cut.zip")
                + ": not an edgebox configuration export, or damaged: zip END header not found");

        byte[] flipped = whole.clone();
        int at = indexOf(whole, "port = 9090".getBytes(StandardCharsets.UTF_8));
        flipped[at + 7] = '8';
        Files.write(home.resolve("flipped.zip"), flipped);
        assertRefusedUnchanged("flipped.zip", home.resolve("flipped.zip")
                + ": etc/edgebox.health.cfg: damaged: its checksum does not match");

        Files.writeString(home.resolve("text.zip"), "port = 1\n");
        assertRefusedUnchanged("text.zip", home.resolve("text.zip")
                + ": not an edgebox configuration export, or damaged: zip END header not found");
        assertRefusedUnchanged("missing.zip", home.resolve("missing.zip") + ": no such file");
    }

    @Test
    void anExportTheBoxWouldRefuseChangesNothingAndNamesTheFileAndField() throws Exception {
        box.edit(HEALTH_CFG, "port = 9091\n");
        zip("bad.zip", Map.of(ExportFile.MARKER, "format = 1\n", HEALTH_CFG, "port = abc\n",
                "etc/manifests/web.yaml", Box.route("shop", "localhost")));
        assertRefusedUnchanged("bad.zip", "etc/edgebox.health.cfg: edgebox.health: port: not an integer: 'abc'\n"
                + "etc/manifests/web.yaml: HTTPRoute web/shop: spec.hostnames[0]: not a domain name: localhost");

        zip("strange.zip", Map.of(ExportFile.MARKER, "format = 1\n", "etc/../../escape.cfg", "a = 1\n",
                "etc/notes.txt", "hello\n"));
        assertRefusedUnchanged("strange.zip", home.resolve("strange.zip") + ": etc/../../escape.cfg: not a"
                + " configuration file (etc/NAME.cfg or etc/manifests/NAME.yaml)\n" + home.resolve("strange.zip")
                + ": etc/notes.txt: not a configuration file (etc/NAME.cfg or etc/manifests/NAME.yaml)");

        zip("unmarked.zip", Map.of(HEALTH_CFG, "port = 1\n"));
        assertRefusedUnchanged("unmarked.zip", home.resolve("unmarked.zip")
                + ": edgebox-config.properties: missing: not an edgebox configuration export");

        zip("later.zip", Map.of(ExportFile.MARKER, "format = 2\n", HEALTH_CFG, "port = 1\n"));
        assertRefusedUnchanged("later.zip", home.resolve("later.zip")
                + ": edgebox-config.properties: format: '2' is not a format this box reads (1)");
    }

    private void assertRefusedUnchanged(String file, String message) throws Exception {
        Map<?, ?> before = box.engine.accepted();
        int revisions = box.revisions().size();
        String text = box.file(HEALTH_CFG);
        Refused r = assertThrows(Refused.class, () -> service.importFrom(file, "operator"));
        assertEquals(message, r.getMessage());
        assertEquals(before, box.engine.accepted());
        assertEquals(text, box.file(HEALTH_CFG));
        assertEquals(9091, box.value(Box.HEALTH, "port"));
        assertEquals(revisions, box.revisions().size());
    }

    private void zip(String name, Map<String, String> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(home.resolve(name), bytes.toByteArray());
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
