package edgebox.dns.answer;

import java.util.concurrent.CompletableFuture;

import org.xbill.DNS.Message;

/** Where names no local source claims go for clients allowed recursion: the forwarder. Never blocks the caller. */
@FunctionalInterface
public interface Upstream {

    CompletableFuture<Message> forward(Message query);

    /** Changes whenever answers given before may no longer hold (a new cache, a flush); kept replies check it. */
    default long epoch() {
        return 0;
    }
}
