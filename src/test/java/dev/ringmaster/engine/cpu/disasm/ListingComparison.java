package dev.ringmaster.engine.cpu.disasm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares our listing with objdump's, instruction by instruction: address, bytes (hence length)
 * and text modulo whitespace. Every disagreement is collected with the bytes, our text and objdump's.
 */
final class ListingComparison {
    private static final int SHOWN = 60;

    private final List<String> failures = new ArrayList<>();
    private int failureCount;
    private int compared;

    /** Number of instructions both listings have at the same address. */
    int compared() {
        return compared;
    }

    int failures() {
        return failureCount;
    }

    void compare(String label, List<DisassemblyLine> ours, List<Objdump.Line> theirs) {
        int i = 0;
        int j = 0;
        while (i < ours.size() || j < theirs.size()) {
            DisassemblyLine o = i < ours.size() ? ours.get(i) : null;
            Objdump.Line t = j < theirs.size() ? theirs.get(j) : null;
            long oa = o == null ? Long.MAX_VALUE : o.address() & 0xFFFFFFFFL;
            long ta = t == null ? Long.MAX_VALUE : t.address();
            if (oa == ta) {
                check(label, o, t);
                i++;
                j++;
            } else if (oa < ta) {
                failure(label + " @" + Long.toHexString(oa) + ": [" + o.bytesHex() + "] ours \"" + o.text()
                        + "\" but objdump has no instruction at this address (next objdump line "
                        + (t == null ? "none" : Long.toHexString(ta) + " [" + t.bytes() + "] \"" + t.text() + "\"") + ")");
                i++;
            } else {
                failure(label + " @" + Long.toHexString(ta) + ": [" + t.bytes() + "] objdump \"" + t.text()
                        + "\" but our listing has no instruction at this address");
                j++;
            }
        }
    }

    /** One instruction compared on its own (first line of an objdump listing of just its bytes). */
    void check(String label, DisassemblyLine o, Objdump.Line t) {
        compared++;
        String ours = Objdump.normalizeOurs(o.text());
        if (!ours.equals(t.text()) || !o.bytesHex().equals(t.bytes())) {
            failure(label + " @" + Long.toHexString(o.address() & 0xFFFFFFFFL) + ": bytes [" + o.bytesHex() + "] ours \""
                    + ours + "\"; objdump [" + t.bytes() + "] \"" + t.text() + "\"");
        }
    }

    void failure(String message) {
        failureCount++;
        String dump = System.getProperty("disasm.failures");
        if (dump != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(dump), message + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (failures.size() < SHOWN) {
            failures.add(message);
        }
    }

    /** Fails with the disagreements (the first {@value #SHOWN} of them). */
    void assertAgreement(String what) {
        if (failureCount > 0) {
            fail(what + ": " + failureCount + " disagreement(s) with objdump among " + compared
                    + " instructions compared:\n  " + String.join("\n  ", failures));
        }
        if (compared == 0) {
            fail(what + ": nothing was compared");
        }
    }
}
