; btcheck — a tiny Multiboot kernel (a.out kludge) for the binary-translation tests. Everything it does runs
; in its ring 0, so under binary translation all of it is translated code: the boot sequence (LGDT, far jump,
; MOV SS, LTR, LIDT, PIC/PIT), the sensitive instructions a ring-1 kernel would see wrongly (CS, SGDT, SIDT,
; SMSW, STR, PUSHF after CLI, LAR, PUSH CS), the critical section "pushf; cli; popf" that stalls
; trap-and-emulate, INT n to its own handler, LOOP, indirect calls, self-modifying code (a MOV immediate
; patched between two calls), a #DE whose frame must hold the guest's EIP and, with paging on, a loop storing into a page-table entry from one instruction
; (what adaptive retranslation turns into a callout). Results go to RESULTS; it then exits through the
; debug-exit port with QEMU status 0x21. Natively and under binary translation RESULTS must be identical.
bits 32
org 0x100000
%include "pc.inc"
RESULTS equ 0x6000
PD      equ 0x200000
PT      equ 0x201000

        MULTIBOOT_AOUT start, bss_end

        FLAT_START
        LOAD_TSS
        mov eax, timer
        mov ebx, 0x20
        call setgate
        mov eax, service
        mov ebx, 0x30
        call setgate
        mov eax, divfault
        mov ebx, 0
        call setgate
        lidt [idtr]
        ; what the kernel sees about itself
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
        lar eax, [RESULTS]              ; the selector CS just stored
        mov [RESULTS + 0x20], eax
        setz al
        mov [RESULTS + 0x24], al
        push cs
        pop eax
        mov [RESULTS + 0x28], eax
        ; PIC: IRQ0-7 -> vectors 0x20-0x27, only IRQ0 unmasked; PIT at 1000 Hz
        PIC_PIT_1KHZ
        sti
wait1:  hlt
        cmp dword [ticks], 3
        jb wait1
        pushf                           ; the critical section every kernel has
        cli
        nop
        popf
wait2:  cmp dword [ticks], 6
        jb wait2
        mov dword [RESULTS + 0x2C], 1   ; the timer kept ticking after the POPF
        ; self-modifying code: the same call, before and after patching its immediate
        call smc
        mov [RESULTS + 0x30], eax
        mov dword [smc + 1], 0x22222222
        call smc
        mov [RESULTS + 0x34], eax
        ; INT n to the kernel's own handler
        mov eax, 1
        int 0x30
        mov [RESULTS + 0x38], eax
        ; LOOP and an indirect call
        mov ecx, 5
        xor eax, eax
sum:    add eax, ecx
        loop sum
        mov [RESULTS + 0x3C], eax
        mov ebx, seven
        call ebx
        mov [RESULTS + 0x40], eax
        ; a fault in the kernel: the frame must hold the guest address of the DIV
        xor edx, edx
        mov eax, 1
        xor ecx, ecx
divpoint:
        div ecx
        mov dword [RESULTS + 0x54], divpoint
        ; paging: identity-map the first 4 MiB with 4 KiB pages, then store into one PTE again and again
        mov edi, PT
        mov eax, 3
fill:   mov [edi], eax
        add edi, 4
        add eax, 0x1000
        cmp edi, PT + 4096
        jb fill
        mov dword [PD], PT | 3
        mov eax, PD
        mov cr3, eax
        mov eax, cr0
        or eax, 0x80000000
        mov cr0, eax
        mov ebx, PT + 0x3FF * 4          ; the PTE of 0x3FF000
        xor esi, esi
        mov ecx, 10
remap:  mov eax, 0x3FF003
        mov [ebx], eax                  ; the store adaptive retranslation takes over
        invlpg [0x3FF000]
        mov [0x3FF000], ecx
        add esi, [0x3FF000]
        loop remap
        mov [RESULTS + 0x44], esi
        mov eax, [ebx]
        mov [RESULTS + 0x48], eax       ; the guest's PTE, with the A/D bits the CPU set
        mov dx, 0x501
        mov al, 0x10
        out dx, al                      ; QEMU status (0x10 << 1) | 1 = 0x21
        jmp $

        SETGATE_ROUTINE                 ; EAX = handler, EBX = vector: 32-bit interrupt gate, DPL 0

smc:    mov eax, 0x11111111
        ret

seven:  mov eax, 0x77
        ret

service:                                ; INT 0x30: EAX = EAX * 0x5A5A, and what CS the frame holds
        imul eax, eax, 0x5A5A
        mov edx, [esp + 4]
        mov [RESULTS + 0x4C], edx
        iret

divfault:                               ; #DE: record the faulting EIP, skip the 2-byte DIV
        mov edx, [esp]
        mov [RESULTS + 0x50], edx
        add dword [esp], 2
        iret

timer:  push eax
        inc dword [ticks]
        mov al, 0x20
        out 0x20, al
        pop eax
        iret

        GDT_BEGIN
        dq 0x0000890000000067           ; 0x18 TSS (base filled in)
        GDT_END
ticks:  dd 0

align 16
        IDT_SPACE
tss:    times 104 db 0
        STACK_END
