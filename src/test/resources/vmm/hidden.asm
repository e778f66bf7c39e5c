; hidden — a Multiboot kernel that tries to read and write the top 4 MiB of the linear space,
; where the VMM keeps its own memory. Natively that is just unmapped physical space (reads give
; all ones, no fault): exit status 0x41. Under ring compression the guest's segments end below it,
; so the access raises #GP, which the guest's own handler sees: exit status 0x21.
bits 32
org 0x100000
%include "pc.inc"
        MULTIBOOT_AOUT start, bss_end

        FLAT_START
        GATE 13, gp
        lidt [idtr]
        mov eax, [0xFFC00000]
        mov dword [0xFFC00000], 0xDEADBEEF
        mov dx, 0x501
        mov al, 0x20
        out dx, al
        jmp $
gp:     mov dx, 0x501
        mov al, 0x10
        out dx, al
        jmp $

        GDT_BEGIN
        GDT_END
align 16
        IDT_SPACE
        STACK_END
