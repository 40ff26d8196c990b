package edgebox.lb.io.tpacket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import edgebox.lb.frame.Mac;

/**
 * What a port needs to know of a network interface, read from sysfs: java.net.NetworkInterface only lists interfaces
 * that have an IP address, and a data-path interface may have none.
 */
record Interface(String name, int index, long mac, int mtu) {

    private static final Path SYSFS = Path.of("/sys/class/net");

    static Interface read(String name) throws IOException {
        if (name.isEmpty() || name.length() > 15 || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IOException("interface '" + name + "': not an interface name");
        }
        Path directory = SYSFS.resolve(name);
        try {
            return new Interface(name, Integer.parseInt(value(directory, "ifindex")),
                    Mac.parse(value(directory, "address")), Integer.parseInt(value(directory, "mtu")));
        } catch (NoSuchFileException e) {
            throw new IOException("interface " + name + ": no such interface", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("interface " + name + ": " + e.getMessage(), e);
        }
    }

    private static String value(Path directory, String file) throws IOException {
        return Files.readString(directory.resolve(file)).strip();
    }
}
