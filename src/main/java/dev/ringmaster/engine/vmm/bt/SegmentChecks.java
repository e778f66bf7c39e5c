package dev.ringmaster.engine.vmm.bt;

import dev.ringmaster.engine.cpu.Descriptor;
import dev.ringmaster.engine.vmm.GuestMemory;
import dev.ringmaster.engine.vmm.VirtualCpu;

/**
 * LAR, LSL, VERR and VERW as the guest kernel expects them at CPL 0, against its own GDT (the real ones
 * would answer from the shadow GDT, where the guest's DPL 0 descriptors say DPL 1). Results follow the
 * SDM's instruction pages: ZF set and a value when the selector names a descriptor of an allowed type that
 * is visible at CPL 0 with the selector's RPL; ZF clear otherwise.
 */
final class SegmentChecks {
    /** A result: {@code ok} is ZF; {@code value} the access rights (LAR) or byte limit (LSL). */
    record Result(boolean ok, int value) {
        static final Result FAIL = new Result(false, 0);
    }

    private SegmentChecks() {
    }

    /** The descriptor's two words, or null when the selector is null, in the LDT (not shadowed) or past the limit. */
    private static int[] descriptor(GuestMemory guest, VirtualCpu v, int selector) {
        int index = selector & 0xFFF8;
        if (index == 0 || (selector & 4) != 0 || index + 7 > (v.gdtrLimit & 0xFFFF)) {
            return null;
        }
        return new int[] {guest.read32(v.gdtrBase + index), guest.read32(v.gdtrBase + index + 4)};
    }

    /** Visible at CPL 0 with the selector's RPL: conforming code always, anything else when DPL >= RPL. */
    private static boolean visible(int hi, int selector) {
        boolean conformingCode = Descriptor.isSegment(hi) && Descriptor.isConforming(hi);
        return conformingCode || Descriptor.dpl(hi) >= (selector & 3);
    }

    static Result lar(GuestMemory guest, VirtualCpu v, int selector) {
        int[] d = descriptor(guest, v, selector);
        if (d == null || !visible(d[1], selector)) {
            return Result.FAIL;
        }
        if (!Descriptor.isSegment(d[1])) {
            int t = Descriptor.type(d[1]);
            boolean allowed = t == Descriptor.TSS16_AVAIL || t == Descriptor.LDT || t == Descriptor.TSS16_BUSY
                    || t == Descriptor.CALL_GATE16 || t == Descriptor.TASK_GATE || t == Descriptor.TSS32_AVAIL
                    || t == Descriptor.TSS32_BUSY || t == Descriptor.CALL_GATE32;
            if (!allowed) {
                return Result.FAIL;
            }
        }
        return new Result(true, d[1] & 0x00F0FF00);
    }

    static Result lsl(GuestMemory guest, VirtualCpu v, int selector) {
        int[] d = descriptor(guest, v, selector);
        if (d == null || !visible(d[1], selector)) {
            return Result.FAIL;
        }
        if (!Descriptor.isSegment(d[1])) {
            int t = Descriptor.type(d[1]);
            boolean allowed = t == Descriptor.TSS16_AVAIL || t == Descriptor.LDT || t == Descriptor.TSS16_BUSY
                    || t == Descriptor.TSS32_AVAIL || t == Descriptor.TSS32_BUSY;
            if (!allowed) {
                return Result.FAIL;
            }
        }
        return new Result(true, Descriptor.limit(d[0], d[1]));
    }

    /** VERR ({@code write} false) or VERW. */
    static boolean verify(GuestMemory guest, VirtualCpu v, int selector, boolean write) {
        int[] d = descriptor(guest, v, selector);
        if (d == null || !Descriptor.isSegment(d[1]) || !visible(d[1], selector)) {
            return false;
        }
        if (write) {
            return Descriptor.isData(d[1]) && Descriptor.isReadWrite(d[1]);
        }
        return Descriptor.isData(d[1]) || Descriptor.isReadWrite(d[1]);
    }
}
