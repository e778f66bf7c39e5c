; paging — a Multiboot kernel (a.out kludge) that exercises what shadow paging must get right:
; a not-present fault reflected with CR2 and the error code, the guest mapping the page in its
; #PF handler, A/D bits in the guest PTE, a PTE rewritten with MOV (+INVLPG) taking effect, a
; write to a read-only page under CR0.WP. Results at RESULTS; exits with QEMU status 0x21.
bits 32
org 0x100000
%include "pc.inc"
RESULTS equ 0x6000      ; +0 CR2#1 +4 err#1 +8 value after remap +C PTE after write +10 CR2#2 +14 err#2 +18 faults +1C final value
PD      equ 0x200000
PT1     equ 0x201000    ; identity map of 0-4 MiB
PT2     equ 0x202000    ; 4-8 MiB, filled by the #PF handler

        MULTIBOOT_AOUT start, bss_end

        FLAT_START
        GATE 14, pf
        lidt [idtr]
        mov dword [0x300000], 0x11111111    ; the three physical pages 4-8 MiB will show
        mov dword [0x301000], 0x22222222
        mov dword [0x302000], 0x33333333
        ; PT1: identity 0-4 MiB, PT2 empty, PD[0] = PT1, PD[1] = PT2
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
        mov dword [PD], PT1 + 3
        mov dword [PD + 4], PT2 + 7
        mov eax, PD
        mov cr3, eax
        mov eax, cr0
        or eax, 0x80010000                  ; PG | WP
        mov cr0, eax
        ; 1. read an unmapped page: #PF (CR2 0x400000, error 0), the handler maps it
        mov eax, [0x400000]
        mov [RESULTS + 0x1C], eax
        ; 2. write it: the guest PTE gets A and D
        mov dword [0x400010], 0x44444444
        mov eax, [PT2]
        mov [RESULTS + 0x0C], eax
        ; 3. point the page elsewhere with a plain MOV to the PTE, INVLPG, read again
        mov dword [PT2], 0x301003
        invlpg [0x400000]
        mov eax, [0x400000]
        mov [RESULTS + 8], eax
        ; 4. a read-only page written in ring 0 with WP = 1: #PF error 3, the handler makes it writable
        mov dword [PT2 + 4], 0x302001
        invlpg [0x401000]
        mov dword [0x401000], 0x55555555
        mov eax, [pfcount]
        mov [RESULTS + 0x18], eax
        mov dx, 0x501
        mov al, 0x10
        out dx, al
        jmp $

pf:     push eax
        push ebx
        mov eax, cr2
        cmp dword [pfcount], 0
        jne .second
        mov [RESULTS], eax
        mov eax, [esp + 8]
        mov [RESULTS + 4], eax
        mov ebx, PT2
        mov eax, 0x300003
        mov [ebx], eax
        jmp .done
.second:
        mov [RESULTS + 0x10], eax
        mov eax, [esp + 8]
        mov [RESULTS + 0x14], eax
        mov ebx, PT2 + 4
        mov eax, 0x302003
        mov [ebx], eax
        invlpg [0x401000]
.done:  inc dword [pfcount]
        pop ebx
        pop eax
        add esp, 4
        iret

        GDT_BEGIN
        GDT_END
pfcount: dd 0
align 16
        IDT_SPACE
        STACK_END
