package dev.ringmaster.engine.vm;

/** When a "run until" command pauses the VM. */
public sealed interface RunCondition {
    /** EIP reaches a linear address (CS base + EIP), before the instruction there executes. */
    record AtAddress(int linearAddress) implements RunCondition {
    }

    /** {@code count} more instructions have retired. */
    record AfterInstructions(long count) implements RunCondition {
        public AfterInstructions {
            if (count <= 0) {
                throw new IllegalArgumentException("instruction count must be positive: " + count);
            }
        }
    }

    /** The guest writes {@code text} (ISO-8859-1) to COM1 (counting from when the condition is armed). */
    record SerialContains(String text) implements RunCondition {
    }
}
