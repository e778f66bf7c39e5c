package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.cost.CycleLedger;
import dev.ringmaster.engine.cpu.Cpu;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Charges the guest instructions a CPU retired into a ledger, once each: it remembers how far it has
 * charged and adds only what retired since. Every retired instruction is charged as
 * {@link CostEvent#INSN_SIMPLE} for now (the CPU does not count instruction classes yet); the only
 * place that changes when it does.
 */
final class RetiredInstructions {
    private long charged;

    /** Charges from now on only what {@code cpu} retires after this (a runner taking over a running machine). */
    void startAt(Cpu cpu) {
        charged = cpu.instructions();
    }

    /** Charges what {@code cpu} retired since the last call. */
    void charge(Cpu cpu, CycleLedger ledger) {
        long now = cpu.instructions();
        if (now > charged) {
            ledger.charge(CostEvent.INSN_SIMPLE, now - charged);
            charged = now;
        }
    }

    void saveState(DataOutput out) throws IOException {
        out.writeLong(charged);
    }

    void loadState(DataInput in) throws IOException {
        charged = in.readLong();
    }
}
