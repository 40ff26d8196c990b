package edgebox.dns.forward;

import org.xbill.DNS.Message;

/** A reply from an upstream that passed {@link UpstreamQuery#matches}: its bytes, parsed once, and who sent it. */
record UpstreamReply(Upstream from, byte[] wire, Message message) {
}
