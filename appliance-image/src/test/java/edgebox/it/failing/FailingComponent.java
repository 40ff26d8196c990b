package edgebox.it.failing;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** A component whose activation always fails, as a broken deploy/ bundle's would. */
@Component(immediate = true)
public class FailingComponent {

    @Activate
    public FailingComponent() {
        throw new IllegalStateException("widget port 0 is not usable");
    }
}
