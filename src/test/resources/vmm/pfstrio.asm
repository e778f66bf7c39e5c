; pfstrio — REP INSB across a page boundary into a page that is not present: the first elements are
; stored, then #PF (CR2 = the first byte of the missing page, error 2: write, supervisor, not present);
; the handler maps the page and returns to the INSB, which finishes the rest. Then REP OUTSB from a page
; the guest maps read-only is fine (a read). Results at RESULTS: +0 CR2, +4 error, +8 faults, +C ECX when
; the handler ran, +10 the 8 bytes stored; exits with QEMU status 0x21.
bits 32
org 0x100000
%include "pc.inc"
RESULTS equ 0x6000
PD      equ 0x200000
PT1     equ 0x201000            ; identity map of 0-4 MiB
PT2     equ 0x202000            ; 4-8 MiB: page 0x400000 mapped, 0x401000 by the #PF handler

        MULTIBOOT_AOUT start, bss_end

        FLAT_START
        GATE 14, pf
        lidt [idtr]
        mov edi, PT1
        mov eax, 3
        mov ecx, 1024
.fill:  mov [edi], eax
        add eax, 0x1000
        add edi, 4
        loop .fill
        mov edi, PT2
        xor eax, eax
        mov ecx, 1024
        rep stosd
        mov dword [PT2], 0x300003           ; 0x400000 -> 0x300000
        mov dword [PD], PT1 + 3
        mov dword [PD + 4], PT2 + 3
        mov eax, PD
        mov cr3, eax
        mov eax, cr0
        or eax, 0x80010000                  ; PG | WP
        mov cr0, eax
        mov dx, 0x3FF                       ; the UART's scratch register
        mov al, 0xA5
        out dx, al
        cld
        mov edi, 0x400FFC
        mov ecx, 8
        rep insb
        mov eax, [0x300FFC]                 ; through the identity map: what landed in both frames
        mov [RESULTS + 0x10], eax
        mov eax, [0x301000]
        mov [RESULTS + 0x14], eax
        mov [RESULTS + 0x18], ecx
        mov [RESULTS + 0x1C], edi
        mov dx, 0x501
        mov al, 0x10
        out dx, al
        jmp $

pf:     push eax
        mov eax, cr2
        mov [RESULTS], eax
        mov eax, [esp + 4]
        mov [RESULTS + 4], eax
        mov [RESULTS + 0x0C], ecx
        inc dword [RESULTS + 8]
        mov dword [PT2 + 4], 0x301003       ; map 0x401000 -> 0x301000
        invlpg [0x401000]
        pop eax
        add esp, 4
        iret

        GDT_BEGIN
        GDT_END
align 16
        IDT_SPACE
        STACK_END
