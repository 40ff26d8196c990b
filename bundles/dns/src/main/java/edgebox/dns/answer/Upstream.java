package edgebox.dns.answer;

import java.util.concurrent.CompletableFuture;

import org.xbill.DNS.Message;

/** Where names no local source claims go for clients allowed recursion: the forwarder. Never blocks the caller. */
@FunctionalInterface
public interface Upstream {

    CompletableFuture<Message> forward(Message query);
}
