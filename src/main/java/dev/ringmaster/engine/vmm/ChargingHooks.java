package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.CpuHooks;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.trace.TraceEvent;

/**
 * The CPU hooks of a run without a VMM (native): every event the CPU delivers and every return to an
 * outer ring is counted and charged ({@link VmmCounters#cpuDelivered}, {@link VmmCounters#cpuRingTransition}),
 * and everything is passed on to the hooks installed before (the VM's tracing), unchanged. Without them
 * it is a null test per hook point plus an enum switch per delivered event.
 */
final class ChargingHooks implements CpuHooks {
    private final CpuHooks next;
    private final VmmCounters counters;

    ChargingHooks(CpuHooks next, VmmCounters counters) {
        this.next = next;
        this.counters = counters;
    }

    @Override
    public void ringTransition(Cpu cpu, int from, int to, TraceEvent.Cause cause) {
        counters.cpuRingTransition(from, to, cause);
        if (next != null) {
            next.ringTransition(cpu, from, to, cause);
        }
    }

    @Override
    public boolean beforeDelivery(Cpu cpu, int vector, int errorCode, EventKind kind, int eip) {
        return next != null && next.beforeDelivery(cpu, vector, errorCode, kind, eip);
    }

    @Override
    public void delivered(Cpu cpu, int vector, int errorCode, EventKind kind) {
        counters.cpuDelivered(kind);
        if (next != null) {
            next.delivered(cpu, vector, errorCode, kind);
        }
    }

    @Override
    public Action beforeInstruction(Cpu cpu, Instruction insn) {
        return next == null ? Action.EXECUTE : next.beforeInstruction(cpu, insn);
    }

    @Override
    public long beforeIo(Cpu cpu, int port, int size, boolean write, int value) {
        return next == null ? NOT_HANDLED : next.beforeIo(cpu, port, size, write, value);
    }

    @Override
    public void afterIo(Cpu cpu, int port, int size, boolean write, int value) {
        if (next != null) {
            next.afterIo(cpu, port, size, write, value);
        }
    }
}
