package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

/** Steps the disk image tests share: the console, the services through the forwards, a clean power-off. */
final class DiskImageSteps {

    /** Firmware, kernel, init and the JVM under TCG on 2 shared cores take 1.5 to 2 minutes: bounded with room. */
    static final Duration BOOT_TO_READY = Duration.ofMinutes(6);
    static final Duration STEP = Duration.ofSeconds(90);

    private DiskImageSteps() {
    }

    /**
     * On the serial console (the box's Gogo console, once it has printed its greeting): DNS and health also on the
     * guest address the forwards reach; config:set writes etc/ on the data partition and applies at once.
     */
    static void openToTheHost(Qemu vm) throws Exception {
        vm.awaitLine("edgebox console: type 'help'", STEP);
        vm.console("config:set edgebox.dns addresses=127.0.0.1," + Forwards.GUEST, "wrote etc/edgebox.dns.cfg", STEP);
        vm.console("config:set edgebox.health address=0.0.0.0", "wrote etc/edgebox.health.cfg", STEP);
    }

    /** dig through the UDP forward answers from the demo zone; curl through the TCP forward gets /readyz. */
    static void serves(Forwards forwards) throws Exception {
        Tools.Result dns = Tools.until(STEP, r -> r.out().trim().equals("127.0.0.1"),
                () -> forwards.dig("www.demo.localhost"));
        assertEquals("127.0.0.1", dns.out().trim(), "DNS through the forward: " + dns);
        Tools.Result ready = Tools.until(STEP, r -> r.exit() == 0, forwards::readyz);
        assertEquals(0, ready.exit(), "/readyz through the forward: " + ready);
        assertEquals("ready", ready.out().trim(), "/readyz through the forward: " + ready);
    }

    /** The power button: the box stops cleanly, then the file systems, then the machine powers off. */
    static void powerOff(Qemu vm) throws Exception {
        int from = vm.mark();
        vm.powerButton();
        vm.awaitLine("edgebox stopped in ", from, STEP);
        vm.awaitLine("edgebox: stopped", from, STEP);
        vm.awaitPowerOff(STEP);
    }
}
