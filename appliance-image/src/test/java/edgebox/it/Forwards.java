package edgebox.it;

import java.io.IOException;
import java.time.Duration;

/**
 * The host ends of a disk image VM's port forwards (qemu user networking): a loopback UDP port to the box's DNS on
 * 5353 and a loopback TCP port to its health endpoint on 9090, both on the guest's address 10.0.2.15 (qemu's DHCP
 * hands it out, the demo's etc/edgebox.network.cfg takes it). The demo listens on loopback only: the tests open the
 * two services to 10.0.2.15 from the console first.
 */
record Forwards(int dns, int http) {

    static final String GUEST = "10.0.2.15";

    static Forwards pick() throws IOException {
        return new Forwards(Box.freePort(), Box.freePort());
    }

    /** The {@code -netdev} value of qemu's user networking with these forwards. */
    String netdev(String id) {
        return "user,id=" + id + ",hostfwd=udp:127.0.0.1:" + dns + "-" + GUEST + ":5353"
                + ",hostfwd=tcp:127.0.0.1:" + http + "-" + GUEST + ":9090";
    }

    /** dig through the UDP forward: the A records of {@code name}, one a line ({@code +short}). */
    Tools.Result dig(String name) throws IOException, InterruptedException {
        return Tools.run(Duration.ofSeconds(15), null, "dig", "@127.0.0.1", "-p", Integer.toString(dns), "+time=3",
                "+tries=1", "+short", name, "A");
    }

    /** curl through the TCP forward: GET /readyz. */
    Tools.Result readyz() throws IOException, InterruptedException {
        return Tools.curl("http://127.0.0.1:" + http + "/readyz");
    }
}
