/**
 * The fast path: replies the responder built once are kept in wire form per answer chain and served again by copying
 * the bytes and patching the ID, the question's letter case and, for forwarded answers, the aged TTLs. Queries are
 * read in wire form; dnsjava is not on this path.
 */
package edgebox.dns.memo;
