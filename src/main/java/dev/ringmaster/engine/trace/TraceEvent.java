package dev.ringmaster.engine.trace;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One thing that happened inside a VM, as DESIGN §7 lists them. Every event carries the VM's
 * retired-instruction count and simulated cycle count at the moment it happened, so that a run is
 * replayable and panes can line events up on one time axis. Events are immutable.
 */
public sealed interface TraceEvent {
    /** Instructions retired by the VM when the event happened. */
    long instructions();

    /** Simulated cycles (cost model) when the event happened. */
    long cycles();

    /** Why the CPU changed privilege level. */
    enum Cause {
        /** Software interrupt (INT n, INT3, INTO) from a less privileged ring: a system call. */
        SYSCALL,
        /** Hardware interrupt delivered through the IDT. */
        INTERRUPT,
        /** Processor exception delivered through the IDT. */
        EXCEPTION,
        /** Far CALL through a call gate. */
        CALL_GATE,
        /** IRET or far RET to an outer ring. */
        RETURN,
        /** The guest trapped into the VMM (trap-and-emulate, faults taken by the VMM). */
        TRAP_TO_VMM,
        /** The VMM resumed the guest. */
        VMM_RESUME,
        /** Translated code called out into the VMM (binary translation). */
        CALLOUT,
        /** Paravirtual guest called the hypervisor. */
        HYPERCALL,
        /** Hardware-assisted: VM exit to root mode. */
        VM_EXIT,
        /** Hardware-assisted: VM entry to non-root mode. */
        VM_ENTRY
    }

    /** Who handled a trap. */
    enum Handler { GUEST, VMM }

    /** Which console produced output. */
    enum Channel { SERIAL, VGA }

    /** The CPU moved from ring {@code from} to ring {@code to} at guest {@code eip}. */
    record RingTransition(long instructions, long cycles, int from, int to, Cause cause, int eip)
            implements TraceEvent {
    }

    /**
     * An exception, interrupt or sensitive instruction that was caught: vector (or -1 for an
     * instruction-level trap with no vector), error code (-1 when none), the faulting instruction's
     * address and bytes, its disassembly, who handled it and what was done.
     */
    record Trap(long instructions, long cycles, int vector, int errorCode, int eip, byte[] bytes,
                String disassembly, Handler handledBy, String action) implements TraceEvent {
        public Trap {
            bytes = bytes == null ? new byte[0] : bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String bytesHex() {
            return HexFormat.ofDelimiter(" ").formatHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Trap t && t.instructions == instructions && t.cycles == cycles
                    && t.vector == vector && t.errorCode == errorCode && t.eip == eip
                    && Arrays.equals(t.bytes, bytes) && t.disassembly.equals(disassembly)
                    && t.handledBy == handledBy && t.action.equals(action);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(instructions) * 31 + eip;
        }
    }

    /** Hardware-assisted: a VM exit with its Intel SDM basic exit reason and qualification. */
    record VmExit(long instructions, long cycles, int reason, String reasonName, long qualification, int eip)
            implements TraceEvent {
    }

    /** Paravirtualization: a hypercall with its arguments (EBX…EDI) and result (EAX). */
    record Hypercall(long instructions, long cycles, int number, String name, int[] arguments, int result)
            implements TraceEvent {
        public Hypercall {
            arguments = arguments.clone();
        }

        @Override
        public int[] arguments() {
            return arguments.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hypercall h && h.instructions == instructions && h.cycles == cycles
                    && h.number == number && h.name.equals(name) && Arrays.equals(h.arguments, arguments)
                    && h.result == result;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(instructions) * 31 + number;
        }
    }

    /** Binary translation: a guest block was translated. */
    record Translation(long instructions, long cycles, int guestAddress, int guestLength, int identical,
                       int rewritten) implements TraceEvent {
    }

    /** Binary translation: translations were discarded because guest code changed (or the cache was flushed). */
    record TcInvalidation(long instructions, long cycles, int guestAddress, int blocks, String reason)
            implements TraceEvent {
    }

    /** Shadow paging: the VMM updated (or dropped) a shadow page-table entry. */
    record ShadowUpdate(long instructions, long cycles, int linearAddress, int guestEntry, int shadowEntry,
                        String what) implements TraceEvent {
    }

    /** Port I/O seen by the VMM or traced by the machine (e.g. an access to an unclaimed port). */
    record Io(long instructions, long cycles, int port, int size, int value, boolean write, String device)
            implements TraceEvent {
    }

    /** A hardware interrupt was delivered: IRQ line and vector. */
    record Interrupt(long instructions, long cycles, int irq, int vector) implements TraceEvent {
    }

    /** Containers: the shared kernel switched from one container's process to another's. */
    record ContainerSwitch(long instructions, long cycles, String from, String to) implements TraceEvent {
    }

    /** Text written by the guest to one of its consoles. */
    record ConsoleOutput(long instructions, long cycles, Channel channel, String text) implements TraceEvent {
    }

    /** The VM changed lifecycle state (DEFINED, RUNNING, PAUSED, SHUTOFF, CRASHED…). */
    record StateChange(long instructions, long cycles, String from, String to, String reason)
            implements TraceEvent {
    }
}
