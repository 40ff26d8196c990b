package edgebox.system;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.condition.Condition;

import edgebox.api.health.Conditions;
import edgebox.api.health.HealthCheck;

/**
 * The system bundle in a real Felix with SCR and Config Admin. Off the image (this machine's own kernel command
 * line) both commands say so. Then on a box of temporary files, configured through {@code edgebox.system}: a bundle
 * signed by the signer's command line is written to slot B and set as the trial; after a played GRUB trial boot of
 * B, the {@code edgebox.ready} condition held for {@code goodAfter} marks B good in the GRUB environment.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SystemBundleIT {

    private static final long WAIT_MS = 10_000;
    private static final String NOT_ON_IMAGE = "not running from an edgebox image (no edgebox.slot= on the kernel "
            + "command line): no slots here, nothing read or written\n";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin cm;

    @Configuration
    public Option[] config() {
        String netty = System.getProperty("v.netty");
        return options(
                frameworkProperty("edgebox.home").value(System.getProperty("it.home")),
                mavenBundle("org.slf4j", "slf4j-api", System.getProperty("v.slf4j")),
                mavenBundle("org.slf4j", "slf4j-simple", System.getProperty("v.slf4j")).noStart(),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("v.scr")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("v.configadmin")),
                mavenBundle("io.netty", "netty-common", netty),
                mavenBundle("io.netty", "netty-buffer", netty),
                mavenBundle("io.netty", "netty-resolver", netty),
                mavenBundle("io.netty", "netty-transport", netty),
                mavenBundle("org.bouncycastle", "bcprov-jdk18on", System.getProperty("v.bouncycastle")),
                bundle("file:" + System.getProperty("api.jar")),
                bundle("file:" + System.getProperty("bundle.jar")),
                junitBundles(),
                cleanCaches());
    }

    @Test
    public void offTheImageBothCommandsSaySoAndTouchNothing() throws Exception {
        org.osgi.service.cm.Configuration c = cm.getConfiguration("edgebox.system", "?");
        if (c.getProperties() != null) {
            c.delete();
        }
        await("edgebox:slots off the image", () -> command("slots").equals(NOT_ON_IMAGE));
        assertEquals("upgrade refused: " + NOT_ON_IMAGE, command("upgrade", "/nonexistent.upgrade"));
        assertTrue(health(), health().startsWith("UP: not running from an edgebox image"));
    }

    @Test
    public void upgradeTryTheNewSlotAndMarkItGood() throws Exception {
        Path box = Files.createDirectories(Path.of(System.getProperty("it.home"), "box"));
        Path grubenv = box.resolve("grubenv");
        Files.writeString(grubenv, block("edgebox_active=A\n"));
        Path cmdline = box.resolve("cmdline");
        Files.writeString(cmdline, "console=ttyS0 edgebox.slot=A\n");
        Path release = box.resolve("release");
        Files.writeString(release, "version=1.0\n");
        for (String name : List.of("vda3", "vda4")) {
            Path sys = Files.createDirectories(box.resolve("sys").resolve(name));
            Files.writeString(sys.resolve("uevent"), "DEVNAME=" + name + "\nPARTNAME=edgebox-"
                    + (name.equals("vda3") ? "a" : "b") + "\n");
            Files.writeString(sys.resolve("size"), "2048\n");
            Files.createDirectories(box.resolve("dev"));
            Files.write(box.resolve("dev").resolve(name), new byte[1 << 20]);
        }
        Path upgrade = sign(box, "2.0");

        configure("300ms", box);
        await("slot A booted and active", () -> command("slots").contains("booted, active (good)")
                && command("slots").contains("slot A booted; no trial"));
        String done = command("upgrade", upgrade.toString());
        assertTrue(done, done.endsWith("reboot to try it\n"));
        assertTrue(Files.readString(grubenv), Files.readString(grubenv).contains(
                "edgebox_active=A\nedgebox_trial=B\nedgebox_trial_boots=1\n"));
        assertTrue(command("slots"), command("slots").contains("2.0  ") && command("slots").contains(
                "trial: tried once on the next boot"));

        Files.writeString(grubenv, block("edgebox_active=A\nedgebox_trial=B\nedgebox_trial_boots=0\n"));
        Files.writeString(cmdline, "console=ttyS0 edgebox.slot=B\n");
        Files.writeString(release, "version=2.0\n");
        configure("400ms", box);
        await("slot B on trial, waiting for readiness", () -> command("slots").contains(
                "slot B on trial: waiting for the box to be ready"));
        ServiceRegistration<Condition> ready = context.registerService(Condition.class, Condition.INSTANCE,
                new Hashtable<>(Map.of(Conditions.ID, Conditions.READY)));
        try {
            await("slot B marked good", () -> command("slots").contains("slot B on trial, marked good"));
        } finally {
            ready.unregister();
        }
        assertTrue(Files.readString(grubenv), Files.readString(grubenv).contains(
                "edgebox_active=B\nedgebox_trial=\nedgebox_trial_boots=0\n"));
        assertTrue(command("slots"), command("slots").contains("booted, active (good)"));
        assertTrue(health(), health().startsWith("UP: slot B on trial, marked good"));
    }

    /** Signs a squashfs payload with the signer's command line and the test key, as the image build does. */
    private static Path sign(Path box, String version) throws IOException, InterruptedException {
        Path payload = box.resolve("slot.squashfs");
        byte[] bytes = new byte[200_000];
        new java.util.Random(5).nextBytes(bytes);
        System.arraycopy("hsqs".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        Files.write(payload, bytes);
        Path out = box.resolve("edgebox-" + version + ".upgrade");
        String bc = System.getProperty("org.ops4j.pax.url.mvn.localRepository") + "/org/bouncycastle/bcprov-jdk18on/"
                + System.getProperty("v.bouncycastle") + "/bcprov-jdk18on-" + System.getProperty("v.bouncycastle")
                + ".jar";
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("bundle.jar") + ":" + bc, "edgebox.system.upgrade.SignUpgrade", "--key",
                Path.of(System.getProperty("upgrade.keys"), "upgrade-test.key").toString(), "--payload",
                payload.toString(), "--version", version, "--out", out.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(said, 0, p.waitFor());
        return out;
    }

    private void configure(String goodAfter, Path box) throws IOException {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("goodAfter", goodAfter);
        p.put("cmdline", box.resolve("cmdline").toString());
        p.put("blockDevices", box.resolve("sys").toString());
        p.put("devices", box.resolve("dev").toString());
        p.put("grubenv", box.resolve("grubenv").toString());
        p.put("release", box.resolve("release").toString());
        p.put("upgradeKey", Path.of(System.getProperty("upgrade.keys"), "upgrade-test.pub").toString());
        cm.getConfiguration("edgebox.system", "?").update(p);
    }

    private static String block(String lines) {
        String used = "# GRUB Environment Block\n" + lines;
        return used + "#".repeat(1024 - used.length());
    }

    /** An {@code edgebox:} command as the console runs it; empty while it is not registered (or going). */
    private String command(String function, Object... args) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=edgebox)(osgi.command.function=" + function + "))");
            if (refs == null) {
                return "";
            }
            Object commands = context.getService(refs[0]);
            if (commands == null) {
                return "";
            }
            Class<?>[] types = new Class<?>[args.length];
            java.util.Arrays.fill(types, String.class);
            return (String) commands.getClass().getMethod(function, types).invoke(commands, args);
        } catch (ReflectiveOperationException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The system's health entry as {@code STATUS: detail}. */
    private String health() throws Exception {
        for (ServiceReference<HealthCheck> ref : context.getServiceReferences(HealthCheck.class, null)) {
            HealthCheck check = context.getService(ref);
            if (check.function().equals("system")) {
                return check.health().status() + ": " + check.health().detail();
            }
        }
        return "no health entry";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what);
    }
}
