package edgebox.config.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.config.apply.Refused;
import edgebox.config.model.ConfigKey;

class ConfigHistoryTest {

    static final String HEALTH_CFG = "etc/edgebox.health.cfg";
    static final String WEB = "etc/manifests/web.yaml";

    @TempDir
    Path home;

    @Test
    void everyAcceptedChangeIsARevisionNamedAfterWhoMadeIt() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 9090\n");
        Box box = new Box(home, 200);
        assertEquals(List.of("first start"), box.revisions().stream().map(RevisionInfo::who).toList());
        assertEquals("+edgebox.health", box.revisions().get(0).summary());

        box.edit(HEALTH_CFG, "port = 9091\n");
        RevisionInfo edited = box.revisions().get(0);
        assertEquals(2, edited.number());
        assertEquals("file etc/edgebox.health.cfg", edited.who());
        assertEquals("edgebox.health port: 9090 → 9091", edited.summary());

        box.edit(HEALTH_CFG, "port = nine\n");
        assertEquals(2, box.revisions().size(), "a refused edit changes nothing in force");

        box.edits.set(Box.HEALTH, Map.of("port", "9092"));
        box.history.record("operator (ssh from 127.0.0.1, session 7)");
        assertEquals("operator (ssh from 127.0.0.1, session 7)", box.revisions().get(0).who());
        assertEquals("edgebox.health port: 9091 → 9092", box.revisions().get(0).summary());

        box.edit(HEALTH_CFG, "# the health port\nport = 9092\n");
        assertEquals("etc/edgebox.health.cfg (text only)", box.revisions().get(0).summary());

        box.edit(WEB, Box.route("shop", "shop.example"));
        assertEquals("+HTTPRoute web/shop", box.revisions().get(0).summary());
        assertEquals(List.of(5, 4), box.history.list(2).stream().map(RevisionInfo::number).toList());
        box.engine.changed(List.of(home.resolve(WEB), home.resolve(HEALTH_CFG)));
        assertTrue(box.history.record(null).isEmpty(), "the same files again are no new revision");
    }

    @Test
    void rollbackRestoresTheFilesAndConfigAdminLiveAsANewRevision() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 9090\n");
        Box.seed(home, WEB, Box.route("shop", "shop.example"));
        Box box = new Box(home, 200);
        Map<?, String> first = box.history.revision(1).files();

        box.edit(HEALTH_CFG, "port = 9091\n");
        box.edit("etc/manifests/more.yaml", Box.route("other", "other.example"));
        box.remove(WEB);
        assertNull(box.value(Box.SHOP, "host"));

        ConfigHistory.Restored done = box.history.rollback(1, "rollback to 1 by operator");
        assertEquals(9090, box.value(Box.HEALTH, "port"));
        assertEquals("shop.example", box.value(Box.SHOP, "host"));
        assertNull(box.value(ConfigKey.factory("edgebox.proxy.route", "web.other"), "host"));
        assertEquals("port = 9090\n", box.file(HEALTH_CFG));
        assertEquals(Box.route("shop", "shop.example"), box.file(WEB));
        assertFalse(Files.exists(home.resolve("etc/manifests/more.yaml")));
        assertEquals(List.of("etc/edgebox.health.cfg", "etc/manifests/web.yaml"), done.outcome().written());
        assertEquals(List.of("etc/manifests/more.yaml"), done.outcome().removed());

        RevisionInfo back = box.revisions().get(0);
        assertEquals(5, back.number());
        assertEquals("rollback to 1 by operator", back.who());
        assertEquals(first, box.history.revision(5).files());
        box.engine.changed(List.of(home.resolve(HEALTH_CFG), home.resolve(WEB), home.resolve("etc/manifests/more.yaml")));
        assertTrue(box.history.record(null).isEmpty(), "the file watch sees the rewritten files and changes nothing");
    }

    @Test
    void filesThatSwappedObjectsRollBackInOneGo() throws Exception {
        Box.seed(home, "etc/manifests/a.yaml", Box.route("shop", "shop.example"));
        Box.seed(home, "etc/manifests/b.yaml", Box.route("other", "other.example"));
        Box box = new Box(home, 200);
        box.remove("etc/manifests/a.yaml");
        box.edit("etc/manifests/b.yaml", Box.route("shop", "shop.example"));
        box.edit("etc/manifests/a.yaml", Box.route("other", "other.example"));
        assertEquals("etc/manifests/a.yaml", box.store.all().get(ConfigKey.factory("edgebox.proxy.route",
                "web.other")).source());

        ConfigHistory.Restored done = box.history.rollback(1, "rollback to 1 by operator");
        assertEquals(List.of(), done.outcome().problems());
        assertEquals("etc/manifests/a.yaml", box.store.all().get(Box.SHOP).source());
        assertEquals("etc/manifests/b.yaml", box.store.all().get(ConfigKey.factory("edgebox.proxy.route",
                "web.other")).source());
        assertEquals(box.history.revision(1).files(), box.engine.accepted());
    }

    @Test
    void anUnknownRevisionIsRefusedNamingTheKeptOnes() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 9090\n");
        Box box = new Box(home, 200);
        box.edit(HEALTH_CFG, "port = 9091\n");
        Refused r = assertThrows(Refused.class, () -> box.history.rollback(7, "rollback to 7 by operator"));
        assertEquals("revision 7: no such revision: kept are 1 to 2", r.getMessage());
        assertEquals(9091, box.value(Box.HEALTH, "port"));
        assertEquals(2, box.revisions().size());
    }

    @Test
    void aRevisionTheBoxWouldRefuseNowIsRefusedWholeAndNothingChanges() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 666\n");
        Box.seed(home, WEB, Box.route("shop", "shop.example"));
        Box box = new Box(home, 200);
        box.edit(HEALTH_CFG, "port = 7000\n");
        box.remove(WEB);
        box.blockedPorts.add(666L);

        Refused r = assertThrows(Refused.class, () -> box.history.rollback(1, "rollback to 1 by operator"));
        assertEquals("etc/edgebox.health.cfg: edgebox.health: port: blocked", r.getMessage());
        assertEquals(7000, box.value(Box.HEALTH, "port"));
        assertEquals("port = 7000\n", box.file(HEALTH_CFG));
        assertNull(box.file(WEB), "not a file written before the refusal");
        assertEquals(3, box.revisions().size());
    }

    @Test
    void onlyTheNewestAreKeptAndTheOldestKeptStillRollsBack() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 9000\n");
        Box box = new Box(home, 3);
        for (int port = 9001; port <= 9005; port++) {
            box.edit(HEALTH_CFG, "port = " + port + "\n");
        }
        assertEquals(List.of(6, 5, 4), box.revisions().stream().map(RevisionInfo::number).toList());
        box.history.rollback(4, "rollback to 4 by operator");
        assertEquals(9003, box.value(Box.HEALTH, "port"));
        assertEquals(List.of(7, 6, 5), box.revisions().stream().map(RevisionInfo::number).toList());

        box.history.pin(5);
        box.edit(HEALTH_CFG, "port = 9100\n");
        box.edit(HEALTH_CFG, "port = 9101\n");
        assertEquals(List.of(9, 8, 5), box.revisions().stream().map(RevisionInfo::number).toList(),
                "the revision a commit-confirm returns to stays");
        try (var leftovers = Files.list(home.resolve("data/config/revisions"))) {
            assertEquals(List.of("000005", "000008", "000009"),
                    leftovers.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFileRefusedAtStartKeepsTheTextWhoseConfigurationIsInForce() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 9090\n");
        new Box(home, 200);
        Files.writeString(home.resolve(HEALTH_CFG), "port = bad\n");
        Box restarted = new Box(home, 200);
        assertEquals(1, restarted.revisions().size());
        assertEquals("port = 9090\n", restarted.history.inForce().values().iterator().next());

        Files.delete(home.resolve(HEALTH_CFG));
        Box again = new Box(home, 200);
        assertEquals("file etc/edgebox.health.cfg", again.revisions().get(0).who(),
                "a file removed while the box was stopped is a change");
        assertEquals("-edgebox.health", again.revisions().get(0).summary());
    }

    @Test
    void aRevisionHalfWrittenWhenTheBoxStoppedIsNotThere() throws Exception {
        Box.seed(home, HEALTH_CFG, "port = 9090\n");
        new Box(home, 200);
        Path partial = home.resolve("data/config/revisions/.000002.partial/etc");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("edgebox.health.cfg"), "port = 1\n");
        Box restarted = new Box(home, 200);
        assertEquals(1, restarted.revisions().size());
        assertFalse(Files.exists(partial.getParent()));
        restarted.edit(HEALTH_CFG, "port = 9091\n");
        assertEquals(2, restarted.revisions().get(0).number());
    }
}
