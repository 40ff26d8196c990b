package edgebox.it;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Bundles built at test time with bnd from this module's test classes (DS annotations processed). */
final class TestBundles {

    static final File CLASSES = new File(System.getProperty("edgebox.testClasses", "target/test-classes"));

    private TestBundles() {
    }

    static byte[] build(String symbolicName, String version, Map<String, String> instructions) throws Exception {
        try (Builder b = new Builder()) {
            b.addClasspath(CLASSES);
            b.setProperty("Bundle-SymbolicName", symbolicName);
            b.setProperty("Bundle-Version", version);
            b.setProperty("-dsannotations", "*");
            b.setProperty("-noextraheaders", "true");
            instructions.forEach(b::setProperty);
            Jar jar = b.build();
            if (!b.isOk()) {
                throw new AssertionError("bnd " + symbolicName + ": " + b.getErrors());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            jar.write(out);
            return out.toByteArray();
        }
    }

    static byte[] api() throws Exception {
        return build("edgebox.it.hot.api", "1.0.0", Map.of("Export-Package", "edgebox.it.hot.api;version=1.0.0"));
    }

    static byte[] provider(String version) throws Exception {
        return build("edgebox.it.hot.provider", version, Map.of("Private-Package", "edgebox.it.hot.provider"));
    }

    static byte[] consumer() throws Exception {
        return build("edgebox.it.hot.consumer", "1.0.0", Map.of("Private-Package", "edgebox.it.hot.consumer"));
    }

    static byte[] marker() throws Exception {
        return build("edgebox.it.marker", "1.0.0", Map.of("Private-Package", "edgebox.it.marker",
                "Bundle-Activator", "edgebox.it.marker.Marker"));
    }

    static byte[] failing() throws Exception {
        return build("edgebox.it.failing", "1.0.0", Map.of("Private-Package", "edgebox.it.failing"));
    }

    /** A bundle with no classes that imports a package nobody exports: it can never resolve. */
    static byte[] unresolvable(String missingPackage) throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "edgebox.it.unresolvable");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", missingPackage + ";version=\"[1.0,2)\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        return out.toByteArray();
    }
}
