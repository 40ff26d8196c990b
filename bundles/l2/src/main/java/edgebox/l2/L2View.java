package edgebox.l2;

import java.util.List;

import edgebox.l2.run.RouterStatus;
import edgebox.l2.run.VipStatus;

/** What the running announcer shows the console. */
public interface L2View {

    List<VipStatus> vips();

    List<RouterStatus> routers();

    List<String> problems();
}
