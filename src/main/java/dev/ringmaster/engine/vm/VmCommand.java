package dev.ringmaster.engine.vm;

import dev.ringmaster.engine.devices.Key;
import java.nio.file.Path;

/**
 * What the UI (or a script) asks a {@link VirtualMachine} to do. Commands are queued and executed in
 * order on the VM's own thread; each is answered with a {@link VmResult}. A command that the current
 * state does not allow is answered {@link VmResult.NotAllowed}, never with an exception.
 */
public sealed interface VmCommand {
    /** Power on (DEFINED or SHUTOFF → RUNNING): builds the machine from the configuration. */
    record Start() implements VmCommand {
    }

    /** RUNNING → PAUSED at the next instruction boundary. */
    record Pause() implements VmCommand {
    }

    /** PAUSED → RUNNING. */
    record Resume() implements VmCommand {
    }

    /** PAUSED: executes up to {@code count} instructions and stays PAUSED (the result tells why it stopped). */
    record Step(long count) implements VmCommand {
        public Step {
            if (count <= 0) {
                throw new IllegalArgumentException("step count must be positive: " + count);
            }
        }
    }

    /**
     * RUNNING or PAUSED → RUNNING until {@code condition} holds, then PAUSED; from DEFINED it
     * powers the VM on first (so that nothing the guest does can come before the condition is
     * armed). The condition counts from now: output or addresses before the command do not count.
     * The result is answered when the condition is reached or the VM stops for another reason.
     */
    record RunUntil(RunCondition condition) implements VmCommand {
    }

    /** Power-cycles the guest (RUNNING/PAUSED/CRASHED): a fresh machine from the configuration, then RUNNING. */
    record Reset() implements VmCommand {
    }

    /** Pulls the plug (any started state → SHUTOFF). */
    record ForceOff() implements VmCommand {
    }

    /** A key of the PC keyboard goes down ({@code pressed}) or up. RUNNING or PAUSED. */
    record SendKey(Key key, boolean pressed) implements VmCommand {
    }

    /** Bytes for COM1's receiver (typed in the serial console). RUNNING or PAUSED. */
    record TypeSerial(byte[] bytes) implements VmCommand {
        public TypeSerial {
            bytes = bytes.clone();
        }
    }

    /** Sets the speed (any state). */
    record SetSpeed(Speed speed) implements VmCommand {
    }

    /** Writes a snapshot of the whole machine to {@code file} (PAUSED, or RUNNING: taken between slices). */
    record TakeSnapshot(Path file, String name) implements VmCommand {
    }

    /**
     * Replaces the machine by the one saved in {@code file} (any state): the VM is PAUSED afterwards.
     * A file that cannot be read or belongs to another configuration fails with nothing changed.
     */
    record RestoreSnapshot(Path file) implements VmCommand {
    }

    /**
     * Sets ({@code enabled}) or clears the user's breakpoint at a linear address (CS base + EIP), in
     * any state: the CPU stops before executing the instruction there, the VM pauses (run result
     * BREAKPOINT) and resuming or stepping executes it. Breakpoints survive resets and restores; the
     * VM publishes the set in {@link VmOutputs#breakpoints()}.
     */
    record SetBreakpoint(int linearAddress, boolean enabled) implements VmCommand {
    }

    /**
     * Reads {@code length} bytes of guest linear memory as the CPU would fetch them now, without side
     * effects (for the disassembly pane): answered {@link VmResult.MemoryRead}. Any state with a
     * machine (RUNNING: read between slices).
     */
    record ReadMemory(int linearAddress, int length) implements VmCommand {
        public static final int MAX_LENGTH = 1 << 16;

        public ReadMemory {
            if (length < 1 || length > MAX_LENGTH) {
                throw new IllegalArgumentException("length must be 1–" + MAX_LENGTH + ": " + length);
            }
        }
    }

    /**
     * Reads the binary translator's cache (statistics and the {@code maxBlocks} most recently translated
     * blocks with their translations): answered {@link VmResult.Translations}; not allowed for a VM that
     * does not run under binary translation or has no machine yet.
     */
    record ReadTranslations(int maxBlocks) implements VmCommand {
        public ReadTranslations {
            if (maxBlocks < 0) {
                throw new IllegalArgumentException("maxBlocks must be >= 0: " + maxBlocks);
            }
        }
    }
}
