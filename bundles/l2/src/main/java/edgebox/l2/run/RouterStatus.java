package edgebox.l2.run;

/** One virtual router as the console shows it; {@code master} is the address of the master, "" when unknown. */
public record RouterStatus(String name, int vrid, String interfaceName, String state, int priority,
        int advertMillis, String master, long sinceMillis, String problem) {
}
