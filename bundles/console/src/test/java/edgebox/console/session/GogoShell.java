package edgebox.console.session;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;

/** A real Gogo command processor for tests, with one scope of commands; close stops it. */
final class GogoShell implements AutoCloseable {

    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    final CommandProcessorImpl processor;

    GogoShell(String scope, Object commands) {
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        processor.addCommand(scope, commands);
    }

    @Override
    public void close() {
        processor.stop();
        threadIO.stop();
    }
}
