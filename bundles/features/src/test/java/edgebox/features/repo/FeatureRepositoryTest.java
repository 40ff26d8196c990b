package edgebox.features.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureRepositoryTest {

    private static final BundleId API = new BundleId("org.example", "api", "1.2.0", null);
    private static final BundleId NATIVE = new BundleId("org.example", "native", "1.2.0", "linux-x86_64");

    @TempDir
    Path home;
    private Path definitions;
    private Path system;
    private FeatureRepository repository;

    @BeforeEach
    void setUp() {
        definitions = home.resolve("features");
        system = home.resolve("system");
        repository = new FeatureRepository(definitions, system, new FeatureReader());
    }

    @Test
    void readsBundlesInOrderAndTypedConfigurations() throws Exception {
        TestFiles.feature(definitions, "web", """
                {"edgebox.web": {"address": "127.0.0.1", "port:Integer": 8080, "names": ["a", "b"]},
                 "edgebox.listener~main": {"enabled": true}}""", API, NATIVE);

        FeatureDefinition web = repository.find("web");

        assertEquals("web", web.name());
        assertEquals("The web feature", web.title());
        assertEquals("test feature web", web.description());
        assertEquals(List.of(API, NATIVE), web.bundles());
        Map<String, Object> values = web.configurations().get("edgebox.web");
        assertEquals("127.0.0.1", values.get("address"));
        assertEquals(8080, values.get("port"));
        assertEquals(Boolean.TRUE, web.configurations().get("edgebox.listener~main").get("enabled"));
    }

    @Test
    void bundleIdKnowsItsFileAndBootListForm() {
        assertEquals(system.resolve("org/example/native/1.2.0/native-1.2.0-linux-x86_64.jar"), NATIVE.repositoryPath(system));
        assertEquals("org.example:native:1.2.0:jar:linux-x86_64", NATIVE.bootListForm());
        assertEquals(NATIVE, BundleId.parseBootListForm(NATIVE.bootListForm()));
        assertEquals(API, BundleId.parseBootListForm("org.example:api:1.2.0"));
        assertEquals("org.example:native:jar:linux-x86_64:1.2.0", NATIVE.toString());
    }

    @Test
    void missingBundleIsNamedWithItsFile() throws Exception {
        TestFiles.bundle(system, API, "org.example.api", "1.2.0", null);
        TestFiles.feature(definitions, "web", null, API, NATIVE);

        List<String> missing = repository.missing(repository.find("web"));

        assertEquals(1, missing.size());
        assertTrue(missing.getFirst().contains("feature 'web': bundle " + NATIVE), missing.getFirst());
        assertTrue(missing.getFirst().contains(NATIVE.repositoryPath(system).toString()), missing.getFirst());
    }

    @Test
    void badJsonNamesTheFileAndTheReasonWithoutHidingTheOthers() throws Exception {
        TestFiles.feature(definitions, "good", null, API);
        Files.writeString(definitions.resolve("broken.json"), "{\"id\": \"edgebox.feature:broken:1.0.0\", \"bundles\": [");

        FeatureRepository.Catalog catalog = repository.load();

        assertEquals(List.of("good"), List.copyOf(catalog.features().keySet()));
        assertEquals(1, catalog.problems().size());
        String problem = catalog.problems().getFirst();
        assertTrue(problem.startsWith("features/broken.json: "), problem);
        assertTrue(problem.length() > "features/broken.json: ".length() + 5, problem);
        FeatureException refused = assertThrows(FeatureException.class, () -> repository.find("broken"));
        assertEquals(problem, refused.getMessage());
    }

    @Test
    void idMustNameTheFile() throws IOException {
        Path file = TestFiles.feature(definitions, "web", null, API);
        Files.move(file, definitions.resolve("other.json"));

        FeatureException refused = assertThrows(FeatureException.class, () -> repository.find("other"));

        assertEquals("features/other.json: id: artifactId 'web' must equal the file name 'other'", refused.getMessage());
    }

    @Test
    void unknownAndInvalidNamesAreRefused() {
        assertTrue(assertThrows(FeatureException.class, () -> repository.find("nope")).getMessage()
                .startsWith("feature 'nope': no definition "));
        assertTrue(assertThrows(FeatureException.class, () -> repository.find("../etc/passwd")).getMessage()
                .contains("not a valid name"));
    }

    @Test
    void bootListPutsFragmentsBeforeTheirHostAndMarksThem() throws Exception {
        BundleId host = new BundleId("org.example", "host", "1.0.0", null);
        BundleId fragment = new BundleId("org.example", "host", "1.0.0", "linux-x86_64");
        BundleId other = new BundleId("org.example", "other", "2.0", null);
        TestFiles.bundle(system, other, "org.example.other", "2.0", null);
        TestFiles.bundle(system, host, "org.example.host", "1.0.0", null);
        TestFiles.bundle(system, fragment, "org.example.host.native", "1.0.0", "org.example.host");
        TestFiles.feature(definitions, "core", null, other, fragment, host);

        List<String> lines = BootListWriter.lines(repository, repository.find("core"));

        assertEquals(List.of("org.example:other:2.0", "org.example:host:1.0.0:jar:linux-x86_64 fragment",
                "org.example:host:1.0.0"), lines);
    }

    @Test
    void bootListRefusesAFragmentWithoutItsHost() throws Exception {
        BundleId fragment = new BundleId("org.example", "host", "1.0.0", "linux-x86_64");
        TestFiles.bundle(system, fragment, "org.example.host.native", "1.0.0", "org.example.host");
        TestFiles.feature(definitions, "core", null, fragment);

        FeatureException refused = assertThrows(FeatureException.class,
                () -> BootListWriter.lines(repository, repository.find("core")));

        assertTrue(refused.getMessage().contains("fragment host 'org.example.host' is not in the feature"),
                refused.getMessage());
    }

    @Test
    void bundleFileReadsTheManifest() throws Exception {
        Path jar = TestFiles.bundle(system, API, "org.example.api", "1.2", null);

        BundleFile file = BundleFile.read(jar);

        assertEquals("org.example.api", file.symbolicName());
        assertEquals("1.2.0", file.version());
        assertEquals(false, file.fragment());
        assertEquals("1.0.0.SNAPSHOT", BundleFile.normalizeVersion("1.0.0.SNAPSHOT"));
        assertEquals("0.0.0", BundleFile.normalizeVersion(null));
    }
}
