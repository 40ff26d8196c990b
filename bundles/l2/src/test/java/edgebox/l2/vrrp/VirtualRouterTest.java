package edgebox.l2.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VirtualRouterTest {

    final FakeScheduler clock = new FakeScheduler();
    final List<String> events = new ArrayList<>();

    VirtualRouter router(int priority, boolean preempt, String primary) throws Exception {
        RouterSettings s = new RouterSettings("r", "seg0", 51, priority, preempt, 10,
                List.of(InetAddress.getByName("10.99.0.100")), List.of());
        return new VirtualRouter(s, InetAddress.getByName(primary), clock, new VirtualRouter.Actions() {
            @Override
            public void advertise(int p) {
                events.add(clock.nowMillis() + " advert " + p);
            }

            @Override
            public void becameMaster(String reason) {
                events.add(clock.nowMillis() + " master");
            }

            @Override
            public void becameBackup(String reason) {
                events.add(clock.nowMillis() + " backup");
            }
        });
    }

    static Advert advert(int priority) {
        return new Advert(51, priority, 10, List.of());
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void aLoneBackupBecomesMasterAfterTheMasterDownInterval() throws Exception {
        VirtualRouter r = router(100, true, "10.99.0.2");
        r.start();
        // 3 x 100 ms + skew (256 - 100) x 10 cs / 256 = 6 cs
        assertEquals(360, r.masterDownCentis() * 10);
        clock.advance(359);
        assertEquals(VirtualRouter.State.BACKUP, r.state());
        clock.advance(1);
        assertEquals(VirtualRouter.State.MASTER, r.state());
        clock.advance(250);
        assertEquals(List.of("0 backup", "360 advert 100", "360 master", "460 advert 100", "560 advert 100"),
                events);
    }

    @Test
    void advertsFromAHigherMasterKeepABackupSilent() throws Exception {
        VirtualRouter r = router(100, true, "10.99.0.2");
        r.start();
        for (int i = 0; i < 20; i++) {
            clock.advance(100);
            r.received(advert(200), ip("10.99.0.1"));
        }
        assertEquals(VirtualRouter.State.BACKUP, r.state());
        assertEquals(ip("10.99.0.1"), r.master());
    }

    @Test
    void aMasterYieldsAtOnceToAHigherPriorityAndToAHigherAddressOnATie() throws Exception {
        VirtualRouter r = router(100, true, "10.99.0.2");
        r.start();
        clock.advance(400);
        assertEquals(VirtualRouter.State.MASTER, r.state());
        r.received(advert(100), ip("10.99.0.1"));
        assertEquals(VirtualRouter.State.MASTER, r.state(), "equal priority, lower address: discarded");
        r.received(advert(100), ip("10.99.0.3"));
        assertEquals(VirtualRouter.State.BACKUP, r.state(), "equal priority, higher address wins");
    }

    @Test
    void aResigningMasterHandsOverAfterTheSkewTimeOnly() throws Exception {
        VirtualRouter r = router(100, true, "10.99.0.2");
        r.start();
        clock.advance(100);
        r.received(advert(200), ip("10.99.0.1"));
        r.received(advert(0), ip("10.99.0.1"));
        clock.advance(60);
        assertEquals(VirtualRouter.State.MASTER, r.state(), "skew 6 cs after the priority 0 advert");
    }

    @Test
    void withPreemptionAHigherBackupTakesOverFromALowerMaster() throws Exception {
        VirtualRouter r = router(200, true, "10.99.0.1");
        r.start();
        for (int i = 0; i < 10; i++) {
            clock.advance(100);
            r.received(advert(100), ip("10.99.0.2"));
        }
        assertEquals(VirtualRouter.State.MASTER, r.state(), "lower adverts are discarded, the down timer fires");
    }

    @Test
    void withoutPreemptionALowerMasterIsKept() throws Exception {
        VirtualRouter r = router(200, false, "10.99.0.1");
        r.start();
        for (int i = 0; i < 10; i++) {
            clock.advance(100);
            r.received(advert(100), ip("10.99.0.2"));
        }
        assertEquals(VirtualRouter.State.BACKUP, r.state());
    }

    @Test
    void shutdownOfAMasterSendsPriorityZero() throws Exception {
        VirtualRouter r = router(100, true, "10.99.0.2");
        r.start();
        clock.advance(400);
        r.shutdown();
        assertEquals("400 advert 0", events.get(events.size() - 1));
        clock.advance(1000);
        assertEquals("400 advert 0", events.get(events.size() - 1), "no advert after shutdown");
    }

    @Test
    void aMasterTakesNewSettingsWithoutLeavingAndAdvertisesThemAtOnce() throws Exception {
        VirtualRouter r = router(100, true, "10.99.0.2");
        r.start();
        clock.advance(400);
        r.update(new RouterSettings("r", "seg0", 51, 180, true, 20,
                List.of(InetAddress.getByName("10.99.0.100")), List.of()));
        assertEquals(VirtualRouter.State.MASTER, r.state());
        assertEquals("400 advert 180", events.get(events.size() - 1));
        clock.advance(200);
        assertEquals("600 advert 180", events.get(events.size() - 1), "the new interval, 200 ms");
    }
}
