package dev.ringmaster.engine.vm;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The header of a machine snapshot file: who it belongs to, where it sits in the VM's snapshot tree
 * (its parent is the snapshot the VM was restored from or last took, null for a root), and when in
 * the guest's life it was taken.
 *
 * @param id           unique id of this snapshot
 * @param parentId     id of the parent snapshot, or null
 * @param name         the user's name for it
 * @param vmId         the VM it was taken from
 * @param configKey    what the machine was built from (boot images and memory): a snapshot restores only
 *                     into a VM with the same key
 * @param created      host time when it was taken (metadata only: nothing in the guest depends on it)
 * @param instructions instructions retired at the snapshot
 * @param cycles       simulated cycles at the snapshot
 * @param file         where it was read from or written to
 */
public record SnapshotInfo(String id, String parentId, String name, String vmId, String configKey, Instant created,
                           long instructions, long cycles, Path file) {
}
