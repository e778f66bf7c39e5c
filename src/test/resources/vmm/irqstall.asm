; irqstall — a tiny Multiboot kernel (a.out kludge) for the trap-and-emulate tests.
; It does what a real kernel does at boot (LGDT, far jump, MOV SS, LTR, LIDT, PIC and PIT
; programming, STI/HLT), records what it can observe about its own privilege at RESULTS
; (like rmx's ringcheck), then runs the classic critical section "pushf; cli; ...; popf" and
; waits for three more timer ticks. Natively it exits through the debug-exit port with
; QEMU status 0x21; under trap-and-emulate the POPF cannot set IF again (CPL 1 > IOPL 0), the
; timer interrupts stop reaching it, and the VMM must report the stall and the POPF.
bits 32
org 0x100000
%include "pc.inc"
RESULTS equ 0x6000              ; +0 CS, +4 SGDT(6), +0C SIDT(6), +14 SMSW, +18 STR, +1C PUSHF after CLI

        MULTIBOOT_AOUT start, bss_end

        FLAT_START
        LOAD_TSS
        mov eax, timer
        mov ebx, 0x20
        call setgate
        mov eax, gpfault
        mov ebx, 0x0D
        call setgate
        lidt [idtr]
        ; what the kernel can see about itself (interrupts still disabled)
        mov eax, cs
        mov [RESULTS], eax
        sgdt [RESULTS + 4]
        sidt [RESULTS + 0x0C]
        smsw eax
        mov [RESULTS + 0x14], eax
        str ax
        movzx eax, ax
        mov [RESULTS + 0x18], eax
        pushf
        pop eax
        mov [RESULTS + 0x1C], eax
        ; PIC: IRQ0-7 -> vectors 0x20-0x27, only IRQ0 unmasked
        PIC_PIT_1KHZ
        sti
wait1:  hlt
        cmp dword [ticks], 3
        jb wait1
        ; the critical section every kernel has
        pushf
        cli
        nop
        popf
wait2:  cmp dword [ticks], 6
        jb wait2
        mov dx, 0x501
        mov al, 0x10
        out dx, al                      ; QEMU status (0x10 << 1) | 1 = 0x21
        jmp $

        SETGATE_ROUTINE                 ; EAX = handler, EBX = vector: 32-bit interrupt gate, DPL 0

timer:  push eax
        inc dword [ticks]
        mov al, 0x20
        out 0x20, al
        pop eax
        iret

gpfault:
        mov dx, 0x501
        mov al, 0x01
        out dx, al                      ; QEMU status 3: unexpected #GP
        jmp $

        GDT_BEGIN
        dq 0x0000890000000067           ; 0x18 TSS (base filled in)
        GDT_END
ticks:  dd 0

align 16
        IDT_SPACE
tss:    times 104 db 0
        STACK_END
