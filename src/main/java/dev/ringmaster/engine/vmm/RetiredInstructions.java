package dev.ringmaster.engine.vmm;

import dev.ringmaster.engine.cost.CostEvent;
import dev.ringmaster.engine.cost.CycleLedger;
import dev.ringmaster.engine.cpu.Cpu;
import dev.ringmaster.engine.cpu.InstructionClass;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Charges the guest instructions a CPU retired into a ledger, once each, by {@link InstructionClass}
 * (each class is the {@code INSN_*} cost event of the same name; REP string instructions per
 * iteration, {@link Cpu#costEventCounts()}): it remembers how far it has charged and adds only what
 * retired since.
 */
final class RetiredInstructions {
    private static final CostEvent[] EVENT = new CostEvent[InstructionClass.COUNT];

    static {
        for (InstructionClass c : InstructionClass.values()) {
            EVENT[c.ordinal()] = CostEvent.valueOf("INSN_" + c.name());
        }
    }

    private final long[] charged = new long[InstructionClass.COUNT];

    /** The cost event instructions of class {@code c} charge. */
    static CostEvent event(InstructionClass c) {
        return EVENT[c.ordinal()];
    }

    /** Charges from now on only what {@code cpu} retires after this (a runner taking over a running machine). */
    void startAt(Cpu cpu) {
        System.arraycopy(cpu.costEventCounts(), 0, charged, 0, charged.length);
    }

    /** Charges what {@code cpu} retired since the last call. */
    void charge(Cpu cpu, CycleLedger ledger) {
        long[] now = cpu.costEventCounts();
        for (int i = 0; i < charged.length; i++) {
            if (now[i] > charged[i]) {
                ledger.charge(EVENT[i], now[i] - charged[i]);
                charged[i] = now[i];
            }
        }
    }

    void saveState(DataOutput out) throws IOException {
        out.writeInt(charged.length);
        for (long c : charged) {
            out.writeLong(c);
        }
    }

    void loadState(DataInput in) throws IOException {
        int n = in.readInt();
        if (n != charged.length) {
            throw new IOException("the snapshot has " + n + " instruction classes, this Ringmaster " + charged.length);
        }
        for (int i = 0; i < n; i++) {
            charged[i] = in.readLong();
        }
    }
}
