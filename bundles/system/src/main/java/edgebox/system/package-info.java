/**
 * The appliance's own system: signed upgrade bundles written to the inactive A/B slot, tried once through the GRUB
 * environment and marked good when the box has been ready long enough; {@code edgebox:slots} and
 * {@code edgebox:upgrade}.
 */
package edgebox.system;
