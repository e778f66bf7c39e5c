package dev.ringmaster.engine.vmm.bt;

import dev.ringmaster.engine.cpu.Decoder;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import dev.ringmaster.engine.cpu.disasm.Disassembler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Translates a basic block of guest kernel code (32-bit) into real IA-32 code for the translation
 * cache, VMware-style (DESIGN §4):
 * <ul>
 * <li>innocuous instructions are copied identically;</li>
 * <li>direct control flow is rewritten to stay in the cache: {@code jmp} becomes an exit stub,
 * {@code jcc} an inverted short jump over the taken exit, {@code call} a {@code push} of the guest
 * return address (the guest sees guest addresses on its stack) and an exit stub;</li>
 * <li>privileged and sensitive instructions, and indirect branches, become callouts into the VMM
 * ({@link CalloutKind}); CPUID and RDTSC are announced by a callout and then run as they are.</li>
 * </ul>
 * A callout and an unchained exit are the same 5 bytes, {@code VMCALL; NOP; NOP} (the CPU hooks VMCALL, so
 * the VMM sees it; a chained exit becomes {@code jmp rel32}). A block ends after a branch, a callout
 * that does not return to the block, 32 instructions, or at the end of the guest page.
 *
 * <p>Every instruction boundary of the translation is recorded with the guest EIP it stands for, so that
 * a fault or interrupt in translated code is delivered to the guest at the guest's address.
 */
public final class Translator {
    /** VMCALL; NOP; NOP. */
    static final byte[] CALLOUT_STUB = {0x0F, 0x01, (byte) 0xC1, (byte) 0x90, (byte) 0x90};
    static final int STUB_LENGTH = CALLOUT_STUB.length;
    static final int MAX_INSTRUCTIONS = 32;

    /** Reads guest code by linear address, through the guest's own page tables. */
    public interface CodeReader {
        /** The byte at guest linear {@code linear}, or -1 when it is not mapped. */
        int byteAt(int linear);

        /** The guest physical address of {@code linear}, or -1 when it is not mapped. */
        int physical(int linear);
    }

    /**
     * A callout (or exit) stub in translated code.
     *
     * @param tcAddress    the stub's linear address in the cache
     * @param kind         what the VMM must do
     * @param guestAddress the guest instruction it stands for (for an exit: its target)
     * @param guestNext    the guest address after that instruction
     * @param insn         the guest instruction (null for exits)
     * @param exit         the exit (null for callouts)
     */
    public record Site(int tcAddress, CalloutKind kind, int guestAddress, int guestNext, Instruction insn,
                       TranslatedBlock.Exit exit) {
        /** Where translated code continues after a callout that returns into its block. */
        public int tcNext() {
            return tcAddress + STUB_LENGTH;
        }
    }

    /** A translation placed at its cache address, before the cache takes it. */
    record Draft(int guestLength, byte[] code, List<TranslatedInstruction> instructions, List<TranslatedBlock.Exit> exits,
                 List<Site> sites, int[] boundaryTc, int[] boundaryGuest, List<Integer> pages, List<int[]> guestRanges) {
    }

    private Translator() {
    }

    /**
     * Translates the block at guest linear {@code guestAddress} as if placed at cache address
     * {@code tcAddress}; {@code pageTableWriters} names guest instructions to translate into
     * {@link CalloutKind#PAGE_TABLE_WRITE} callouts. Null when the first instruction cannot be read or decoded.
     */
    static Draft translate(CodeReader code, int guestAddress, int tcAddress, IntPredicate pageTableWriters) {
        Emitter e = new Emitter(tcAddress);
        int pc = guestAddress;
        int pageEnd = (guestAddress | 0xFFF) + 1;
        boolean ended = false;
        TreeSet<Integer> pages = new TreeSet<>();
        List<int[]> ranges = new ArrayList<>();
        for (int n = 0; n < MAX_INSTRUCTIONS && pc != pageEnd && !ended; n++) {
            byte[] raw = fetch(code, pc, Instruction.MAX_LENGTH);
            if (raw.length == 0) {
                break;
            }
            Instruction in = Decoder.decode(raw, 0, true);
            if (in.status != Instruction.Status.OK) {
                break; // undecodable: the exit leads there, and the VMM raises the guest's fault at it
            }
            byte[] gb = Arrays.copyOf(raw, in.length);
            int next = pc + in.length;
            for (int k = 0; k < in.length; k++) {
                int pa = code.physical(pc + k);
                pages.add(pa >>> 12);
                ranges.add(new int[] {pa, 1});
            }
            int at = e.here();
            String text = Disassembler.format(in, pc);
            CalloutKind kind = pageTableWriters.test(pc) && isStore32(in) ? CalloutKind.PAGE_TABLE_WRITE
                    : CalloutKind.of(in);
            if (kind == null && !in.operandSize32 && (isJcc(in) || ((in.mnemonic == Mnemonic.JMP
                    || in.mnemonic == Mnemonic.CALL) && !in.hasModrm))) {
                kind = CalloutKind.INDIRECT_BRANCH; // 16-bit relative branches truncate EIP: the VMM computes them
            }
            if (in.mnemonic == Mnemonic.JMP && !in.hasModrm && in.operandSize32) {
                e.exit(next + in.imm); // no side effect: at the stub the guest is as good as at the target
                e.instruction(pc, gb, at, TranslatedInstruction.Kind.REWRITTEN, CalloutKind.BLOCK_EXIT, text);
                ended = true;
            } else if (isJcc(in) && in.operandSize32) {
                e.boundary(pc);
                e.out.write(0x70 | ((in.opcode & 0xF) ^ 1));
                e.out.write(STUB_LENGTH); // not taken: skip the taken exit
                e.exit(next + in.imm);
                e.exit(next);
                e.instruction(pc, gb, at, TranslatedInstruction.Kind.REWRITTEN, CalloutKind.BLOCK_EXIT, text);
                ended = true;
            } else if (in.mnemonic == Mnemonic.CALL && !in.hasModrm && in.operandSize32) {
                e.boundary(pc);
                e.out.write(0x68);
                le32(e.out, next);
                e.exit(next + in.imm);
                e.instruction(pc, gb, at, TranslatedInstruction.Kind.REWRITTEN, CalloutKind.BLOCK_EXIT, text);
                ended = true;
            } else if (kind != null) {
                e.boundary(pc);
                e.sites.add(new Site(e.here(), kind, pc, next, in, null));
                e.out.write(CALLOUT_STUB, 0, STUB_LENGTH);
                if (in.mnemonic == Mnemonic.CPUID || in.mnemonic == Mnemonic.RDTSC) {
                    e.boundary(pc);
                    e.out.write(gb, 0, gb.length); // announced, then run as is (unprivileged, innocuous)
                }
                e.instruction(pc, gb, at, TranslatedInstruction.Kind.CALLOUT, kind, text);
                ended = kind.endsBlock() || in.mnemonic == Mnemonic.INTO;
            } else {
                e.boundary(pc);
                e.out.write(gb, 0, gb.length);
                e.instruction(pc, gb, at, TranslatedInstruction.Kind.IDENTICAL, null, text);
            }
            pc = next;
            if (Integer.compareUnsigned(pc, pageEnd) > 0 && pc - pageEnd < Instruction.MAX_LENGTH) {
                break; // the instruction straddled the page end: the block stops after it
            }
        }
        if (e.instructions.isEmpty()) {
            return null;
        }
        if (!ended) {
            e.exit(pc);
        }
        return new Draft(pc - guestAddress, e.out.toByteArray(), e.instructions, e.exits, e.sites,
                e.boundaryTc.stream().mapToInt(Integer::intValue).toArray(),
                e.boundaryGuest.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(pages), ranges);
    }

    /** The stores adaptive retranslation can turn into a callout: MOV r/m32, r32 and MOV r/m32, imm32 to memory. */
    static boolean isStore32(Instruction in) {
        return in.memory && in.operandSize32 && (in.opcode == 0x89 || in.opcode == 0xC7);
    }

    private static boolean isJcc(Instruction in) {
        return (in.opcode >= 0x70 && in.opcode <= 0x7F) || (in.opcode >= 0x0F80 && in.opcode <= 0x0F8F);
    }

    /** Builds one translation: its code, instructions, exits, callout sites and boundaries. */
    private static final class Emitter {
        final int tcAddress;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<TranslatedInstruction> instructions = new ArrayList<>();
        final List<TranslatedBlock.Exit> exits = new ArrayList<>();
        final List<Site> sites = new ArrayList<>();
        final List<Integer> boundaryTc = new ArrayList<>();
        final List<Integer> boundaryGuest = new ArrayList<>();

        Emitter(int tcAddress) {
            this.tcAddress = tcAddress;
        }

        int here() {
            return tcAddress + out.size();
        }

        /** The next instruction boundary of the translation stands for guest EIP {@code guest}. */
        void boundary(int guest) {
            boundaryTc.add(here());
            boundaryGuest.add(guest);
        }

        /** An exit stub towards guest {@code target}: the guest is at the target when it runs. */
        void exit(int target) {
            boundary(target);
            TranslatedBlock.Exit x = new TranslatedBlock.Exit(here(), target);
            exits.add(x);
            sites.add(new Site(here(), CalloutKind.BLOCK_EXIT, target, target, null, x));
            out.write(CALLOUT_STUB, 0, STUB_LENGTH);
        }

        void instruction(int pc, byte[] gb, int at, TranslatedInstruction.Kind kind, CalloutKind callout, String text) {
            byte[] tc = Arrays.copyOfRange(out.toByteArray(), at - tcAddress, out.size());
            instructions.add(new TranslatedInstruction(pc, gb, at, tc, kind, callout, text));
        }
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static byte[] fetch(CodeReader code, int at, int max) {
        byte[] b = new byte[max];
        for (int i = 0; i < max; i++) {
            int v = code.byteAt(at + i);
            if (v < 0) {
                return Arrays.copyOf(b, i);
            }
            b[i] = (byte) v;
        }
        return b;
    }
}
