package dev.ringmaster.app.panes.registers;

/**
 * One register as the registers pane shows it. {@code guestValue} is the VMM's virtual CPU's value
 * of the same register ("" when no VMM publishes one); {@code changed} / {@code guestChanged} say it
 * differs from the previous snapshot.
 */
public record RegisterRow(String group, String name, String value, String detail, String guestValue,
                          boolean changed, boolean guestChanged) {
}
