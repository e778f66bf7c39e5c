package dev.ringmaster.engine.cost;

import java.util.Objects;

/**
 * The seven nanobenchmarks of Adams and Agesen [AA06] §6.3, each a loop of one operation run by
 * their FrobOS test kernel natively, under VMware's software VMM (binary translation) and under
 * their first-generation VT-x VMM, on a 3.8 GHz Pentium 4 672. {@link #published()} holds their
 * figures as the paper states them; {@link NanobenchmarkModel} composes each one from
 * {@link CostEvent}s so that {@link Calibration} can compare.
 */
public enum Nanobenchmark {
    SYSCALL("syscall", "a system call from user level to the kernel and back",
            new Published(null, Figure.nativePlus(2000, "native + ~2000"), Figure.sameAsNative("native speed"),
                    VmmSetup.HARDWARE_VMM, "the software VMM adds a layer of code and an extra privilege transition, "
                            + "~2000 cycles more than native; the hardware VMM runs system calls without VMM intervention, "
                            + "at native speed")),
    IN("in", "an IN from port 0x80 (the POST port, a chipset register)",
            new Published(Figure.cycles(3209), Figure.derivedCycles(214, "~214 (3209/15)"), Figure.cycles(15826),
                    VmmSetup.SOFTWARE_VMM, "native: 3209 cycles; the software VMM translates the IN into a short "
                            + "sequence that talks to its chipset model, fifteen times faster than native; the hardware "
                            + "VMM needs a VM exit and entry: 15826 cycles")),
    CR8WR("cr8wr", "a write to the task-priority register (CR8) that causes no interrupt",
            new Published(Figure.derivedCycles(140, "~140 (4 x 35)"), Figure.cycles(35), Figure.sameAsNative("~native"),
                    VmmSetup.SOFTWARE_VMM, "the software VMM's translation takes 35 cycles, about four times faster "
                            + "than native; the hardware VMM takes no exit and is similar to native")),
    CALL_RET("call/ret", "a call to a subroutine and its return",
            new Published(Figure.cycles(11), Figure.cycles(51), Figure.cycles(11),
                    VmmSetup.HARDWARE_VMM, "native and hardware VMM: 11 cycles per pair; the software VMM adds 40 "
                            + "cycles for the indirect return: 51")),
    PGFAULT("pgfault", "a true page fault, delivered to the guest's handler and back",
            new Published(Figure.cycles(1093), Figure.cycles(3927), Figure.cycles(11242),
                    VmmSetup.SOFTWARE_VMM, "native 1093 cycles, software VMM 3927, hardware VMM 11242: the hardware "
                            + "VMM's exit and entry are a longer path than the software VMM's trap")),
    DIVZERO("divzero", "a division by zero, delivered to the guest's handler and back",
            new Published(Figure.cycles(889), Figure.cycles(3223), Figure.cycles(1014),
                    VmmSetup.HARDWARE_VMM, "native 889 cycles, hardware VMM 1014 (near native, no exit), software VMM "
                            + "3223")),
    PTEMOD("ptemod", "a write to a page-table entry of the current address space",
            new Published(Figure.derivedCycles(1, "1 (one store)"), Figure.cycles(391), Figure.cycles(12733),
                    VmmSetup.SOFTWARE_VMM, "natively a single-cycle store; the software VMM turns the traced write into a "
                            + "small program, 391 cycles; the hardware VMM exits on every write, ~30 times worse: 12733"));

    /**
     * One published figure.
     *
     * @param kind  how to compare with it
     * @param value cycles for {@link Kind#CYCLES} and {@link Kind#DERIVED_CYCLES}, the extra cycles for
     *              {@link Kind#NATIVE_PLUS}, 1 for {@link Kind#SAME_AS_NATIVE}
     * @param text  the figure as the table shows it
     */
    public record Figure(Kind kind, long value, String text) {
        public enum Kind {
            /** A cycle count stated in the text. */
            CYCLES,
            /** A cycle count computed from a statement ("fifteen times faster than native" = 3209 / 15). */
            DERIVED_CYCLES,
            /** "N cycles more than native". */
            NATIVE_PLUS,
            /** "at native speed", "similar to native". */
            SAME_AS_NATIVE
        }

        public Figure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        static Figure cycles(long value) {
            return new Figure(Kind.CYCLES, value, Long.toString(value));
        }

        static Figure derivedCycles(long value, String text) {
            return new Figure(Kind.DERIVED_CYCLES, value, text);
        }

        static Figure nativePlus(long extra, String text) {
            return new Figure(Kind.NATIVE_PLUS, extra, text);
        }

        static Figure sameAsNative(String text) {
            return new Figure(Kind.SAME_AS_NATIVE, 1, text);
        }

        /** True for a cycle count (stated or derived). */
        public boolean isCycles() {
            return kind == Kind.CYCLES || kind == Kind.DERIVED_CYCLES;
        }
    }

    /**
     * The paper's figures for one nanobenchmark ([AA06] §6.3, 3.8 GHz Pentium 4 672).
     *
     * @param nativeCycles natively; null when the paper gives no number in its text (only in its Figure 4 chart)
     * @param softwareVmm  under VMware's software VMM (binary translation)
     * @param hardwareVmm  under the first-generation VT-x VMM (no EPT)
     * @param faster       which of the two VMMs the paper found faster
     * @param summary      what the paper reports, as facts
     */
    public record Published(Figure nativeCycles, Figure softwareVmm, Figure hardwareVmm, VmmSetup faster, String summary) {
    }

    private final String paperName;
    private final String operation;
    private final Published published;

    Nanobenchmark(String paperName, String operation, Published published) {
        this.paperName = paperName;
        this.operation = operation;
        this.published = published;
    }

    /** The name the paper uses, e.g. "ptemod". */
    public String paperName() {
        return paperName;
    }

    /** What one iteration does. */
    public String operation() {
        return operation;
    }

    public Published published() {
        return published;
    }
}
