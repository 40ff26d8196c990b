/**
 * The L2 announcer: answers ARP and NDP for the virtual IPs this box owns, announces them on takeover, and elects
 * one owner among boxes with VRRPv3.
 */
package edgebox.l2;
