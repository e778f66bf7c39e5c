package dev.ringmaster.engine.vmm.bt;

import dev.ringmaster.engine.cpu.Decoder;
import dev.ringmaster.engine.cpu.Instruction;
import dev.ringmaster.engine.cpu.Mnemonic;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Translates a basic block of guest kernel code (32-bit) into real IA-32 code for the translation
 * cache, VMware-style (DESIGN §4):
 * <ul>
 * <li>innocuous instructions are copied identically;</li>
 * <li>direct control flow is rewritten to stay in the cache: {@code jmp} becomes an exit stub,
 * {@code jcc} an inverted short jump over the taken exit, {@code call} a {@code push} of the guest
 * return address (the guest sees guest addresses on its stack) and an exit stub;</li>
 * <li>privileged and sensitive instructions, and indirect branches, become callouts into the VMM
 * ({@link CalloutKind}).</li>
 * </ul>
 * A callout and an unchained exit are the same 5 bytes, {@code VMCALL; NOP; NOP} (the CPU hooks VMCALL, so
 * the VMM sees it; a chained exit becomes {@code jmp rel32}). A block ends after a branch, a callout
 * that does not return to the block, 32 instructions, or at the end of the guest page.
 */
public final class Translator {
    /** VMCALL; NOP; NOP. */
    static final byte[] CALLOUT_STUB = {0x0F, 0x01, (byte) 0xC1, (byte) 0x90, (byte) 0x90};
    static final int STUB_LENGTH = CALLOUT_STUB.length;
    static final int MAX_INSTRUCTIONS = 32;

    /** Reads guest code: the byte at a guest linear address, or -1 when it is not mapped. */
    @FunctionalInterface
    public interface CodeReader {
        int byteAt(int linear);
    }

    /** A translation before it has a place in the cache: code with offsets relative to its start. */
    record Draft(int guestLength, byte[] code, List<TranslatedInstruction> instructions, List<TranslatedBlock.Exit> exits,
                 List<CalloutKind> calloutOffsetsKinds, List<Integer> calloutOffsets) {
    }

    private Translator() {
    }

    /**
     * Translates the block at {@code guestAddress}, as if placed at cache address {@code tcAddress}.
     * Returns null when the first instruction cannot be decoded (the VMM interprets it instead).
     */
    static Draft translate(CodeReader code, int guestAddress, int tcAddress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<TranslatedInstruction> list = new ArrayList<>();
        List<TranslatedBlock.Exit> exits = new ArrayList<>();
        List<CalloutKind> kinds = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int pc = guestAddress;
        int pageEnd = (guestAddress | 0xFFF) + 1;
        boolean ended = false;
        for (int n = 0; n < MAX_INSTRUCTIONS && pc != pageEnd && !ended; n++) {
            byte[] raw = fetch(code, pc, Math.min(Instruction.MAX_LENGTH, pageEnd - pc));
            if (raw.length == 0) {
                break;
            }
            Instruction in = Decoder.decode(raw, 0, true);
            if (in.status != Instruction.Status.OK) {
                break; // undecodable or crossing the page: leave it to the exit (the VMM interprets it)
            }
            byte[] gb = Arrays.copyOf(raw, in.length);
            int next = pc + in.length;
            int at = tcAddress + out.size();
            String text = in.mnemonic.text();
            CalloutKind kind = CalloutKind.of(in);
            boolean jcc = isJcc(in);
            if (in.mnemonic == Mnemonic.JMP && !in.hasModrm && in.immSize > 0 && in.opcode != 0xEA) {
                int target = next + in.imm;
                byte[] tc = exitStub(out, exits, kinds, offsets, tcAddress, target);
                list.add(new TranslatedInstruction(pc, gb, at, tc, TranslatedInstruction.Kind.REWRITTEN,
                        CalloutKind.BLOCK_EXIT, text));
                ended = true;
            } else if (jcc) {
                int target = next + in.imm;
                int cc = in.opcode & 0xF;
                out.write(0x70 | (cc ^ 1));
                out.write(STUB_LENGTH); // not taken: skip the taken exit
                exitStub(out, exits, kinds, offsets, tcAddress, target);
                exitStub(out, exits, kinds, offsets, tcAddress, next);
                byte[] tc = Arrays.copyOfRange(out.toByteArray(), at - tcAddress, out.size());
                list.add(new TranslatedInstruction(pc, gb, at, tc, TranslatedInstruction.Kind.REWRITTEN,
                        CalloutKind.BLOCK_EXIT, text));
                ended = true;
            } else if (in.mnemonic == Mnemonic.CALL && !in.hasModrm) {
                int target = next + in.imm;
                out.write(0x68);
                le32(out, next);
                exitStub(out, exits, kinds, offsets, tcAddress, target);
                byte[] tc = Arrays.copyOfRange(out.toByteArray(), at - tcAddress, out.size());
                list.add(new TranslatedInstruction(pc, gb, at, tc, TranslatedInstruction.Kind.REWRITTEN,
                        CalloutKind.BLOCK_EXIT, text));
                ended = true;
            } else if (kind != null) {
                offsets.add(out.size());
                kinds.add(kind);
                out.write(CALLOUT_STUB, 0, STUB_LENGTH);
                list.add(new TranslatedInstruction(pc, gb, at, CALLOUT_STUB, TranslatedInstruction.Kind.CALLOUT, kind,
                        text));
                ended = kind.endsBlock();
            } else {
                out.write(gb, 0, gb.length);
                list.add(new TranslatedInstruction(pc, gb, at, gb, TranslatedInstruction.Kind.IDENTICAL, null, text));
            }
            pc = next;
        }
        if (list.isEmpty()) {
            return null;
        }
        if (!ended) {
            exitStub(out, exits, kinds, offsets, tcAddress, pc);
        }
        return new Draft(pc - guestAddress, out.toByteArray(), list, exits, kinds, offsets);
    }

    private static boolean isJcc(Instruction in) {
        return (in.opcode >= 0x70 && in.opcode <= 0x7F) || (in.opcode >= 0x0F80 && in.opcode <= 0x0F8F);
    }

    private static byte[] exitStub(ByteArrayOutputStream out, List<TranslatedBlock.Exit> exits, List<CalloutKind> kinds,
                                   List<Integer> offsets, int tcAddress, int target) {
        exits.add(new TranslatedBlock.Exit(tcAddress + out.size(), target));
        offsets.add(out.size());
        kinds.add(CalloutKind.BLOCK_EXIT);
        out.write(CALLOUT_STUB, 0, STUB_LENGTH);
        return CALLOUT_STUB;
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
