package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.machine.RunResult;

/** The answer to a {@link VmCommand}. Switch on it. */
public sealed interface VmResult {
    /** The VM's state after the command. */
    VmState state();

    /** The command was carried out. */
    record Done(VmState state, String detail) implements VmResult {
    }

    /** The command is not allowed in the state the VM was in; nothing changed. */
    record NotAllowed(VmState state, String reason) implements VmResult {
    }

    /** The command was allowed but failed (a snapshot file that cannot be read...); nothing changed. */
    record Failed(VmState state, String message) implements VmResult {
    }

    /** A step or a run-until ended: why the machine stopped, and the counters then. */
    record Stopped(VmState state, RunResult run) implements VmResult {
    }

    /** A snapshot was written. */
    record SnapshotTaken(VmState state, SnapshotInfo info) implements VmResult {
    }

    /**
     * Guest linear memory read by {@link VmCommand.ReadMemory}.
     *
     * @param bytes the bytes from {@code address} on, 0–255, or -1 where the linear address is not
     *              mapped (or maps device memory)
     */
    record MemoryRead(VmState state, int address, int[] bytes) implements VmResult {
        public MemoryRead {
            bytes = bytes.clone();
        }

        @Override
        public int[] bytes() {
            return bytes.clone();
        }

        /** The byte at linear address {@code a} (0–255), or -1 when it is unreadable or outside the block. */
        public int byteAt(int a) {
            long i = (a - address) & 0xFFFFFFFFL;
            return i < bytes.length ? bytes[(int) i] : -1;
        }
    }

    /** The translation cache read by {@link VmCommand.ReadTranslations}. */
    record Translations(VmState state, dev.ringmaster.engine.vmm.bt.TranslationCacheView view) implements VmResult {
    }
}
