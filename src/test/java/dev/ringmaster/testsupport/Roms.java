package dev.ringmaster.testsupport;

import dev.ringmaster.engine.cpu.Nasm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny real-mode ROM guests assembled with nasm for platform and VM tests. */
public final class Roms {
    /** The folder of the test guests' shared nasm macros, {@code pc.inc} (an include directory for nasm). */
    public static final Path PC_INC = pcInc();

    /** A ROM body printing the digits 1234567012… to COM1 for ever (BX counts, AL is BX mod 8). */
    public static final String COUNTING_LOOP = """
                xor bx, bx
            again:
                inc bx
                mov al, bl
                and al, 7
                add al, '0'
                call putc
                jmp again
            """;

    private Roms() {
    }

    private static Path pcInc() {
        try {
            return Path.of(Roms.class.getResource("/vmm/pc.inc").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A 4 KiB ROM whose {@code body} runs in real mode from F000:F000 (reached by a far jump from the
     * reset vector), with a {@code putc} routine (AL to COM1, waiting for THRE) and COM1 set to 8N1
     * at 115200 baud before the body starts.
     */
    public static byte[] assemble(String body) {
        return Nasm.assemble("""
                bits 16
                org 0xF000
                %%include "pc.inc"
                start:
                    COM1_8N1
                %s
                    PUTC_ROUTINE dx, ax
                times 0xFF0-($-$$) db 0
                    jmp 0xF000:start
                times 0x1000-($-$$) db 0
                """.formatted(body), PC_INC);
    }

    /** {@link #assemble} written to {@code dir/name}. */
    public static Path write(Path dir, String name, String body) {
        Path p = dir.resolve(name);
        try {
            Files.write(p, assemble(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * A guest driven by the timer: PIT channel 0 at 1 kHz on IRQ0 (vector 8, the PIC's power-on base),
     * a handler printing 'T' and counting ticks, a main loop printing '.' every 4096 iterations while
     * the UART's transmitter paces it; after {@code ticks} ticks it prints "END" and writes 0 to the
     * debug-exit port. Its transcript depends on the exact instruction at which every interrupt arrives.
     */
    public static String timerGuest(int ticks) {
        return """
                    cli
                    xor ax, ax
                    mov ds, ax
                    mov ss, ax
                    mov sp, 0x7000
                    mov word [8*4], irq0
                    mov word [8*4+2], 0xF000
                    mov byte [0x500], 0
                    mov dword [0x504], 0
                    mov al, 0x34
                    out 0x43, al
                    mov al, 0xA9
                    out 0x40, al
                    mov al, 0x04
                    out 0x40, al
                    mov al, 0xFE
                    out 0x21, al
                    sti
                main:
                    inc dword [0x504]
                    test dword [0x504], 0xFFF
                    jnz .skip
                    mov al, '.'
                    call putc
                .skip:
                    cmp byte [0x500], %d
                    jb main
                    cli
                    mov al, 'E'
                    call putc
                    mov al, 'N'
                    call putc
                    mov al, 'D'
                    call putc
                    mov al, 10
                    call putc
                    mov dx, 0x501
                    xor al, al
                    out dx, al
                    hlt
                irq0:
                    push ax
                    inc byte [0x500]
                    mov al, 'T'
                    call putc
                    mov al, 0x20
                    out 0x20, al
                    pop ax
                    iret
                """.formatted(ticks);
    }
}
