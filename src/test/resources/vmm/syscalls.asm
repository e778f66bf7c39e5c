; syscalls — a Multiboot kernel (a.out kludge) with a ring-3 program that makes SYSCALLS system calls
; (int 0x80 through a DPL 3 trap gate, back with IRET) and DIVIDES divisions by zero (#DE, the
; handler skips the DIV), then asks the kernel to power off (int 0x81 -> debug exit 0x10, QEMU
; status 0x21). No timer, no interrupts: the run is the same instruction for instruction under every
; technique, which is what the cost-charging tests compare. Results: RESULTS +0 system calls seen,
; +4 #DE seen.
bits 32
org 0x100000
%include "pc.inc"
RESULTS  equ 0x6000
SYSCALLS equ 50
DIVIDES  equ 10

        MULTIBOOT_AOUT start, bss_end

%macro gate 3                           ; vector, handler, type/DPL byte pair
        mov eax, %2
        mov [idt + %1 * 8], ax
        mov word [idt + %1 * 8 + 2], 0x08
        mov word [idt + %1 * 8 + 4], %3
        shr eax, 16
        mov [idt + %1 * 8 + 6], ax
%endmacro

start:  cli
        lgdt [gdtr]
        jmp 0x08:reload
reload: mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov esp, kstack_top
        mov eax, tss                    ; TSS descriptor base
        mov [gdt_tss + 2], ax
        shr eax, 16
        mov [gdt_tss + 4], al
        mov [gdt_tss + 7], ah
        mov dword [tss + 4], kstack_top ; ESP0
        mov dword [tss + 8], 0x10       ; SS0
        mov ax, 0x28
        ltr ax
        gate 0, divide, 0x8E00
        gate 0x80, syscall, 0xEF00
        gate 0x81, poweroff, 0xEE00
        lidt [idtr]
        push dword 0x23                 ; SS
        push dword ustack_top           ; ESP
        push dword 0x002                ; EFLAGS: IF 0, IOPL 0
        push dword 0x1B                 ; CS
        push dword user                 ; EIP
        iret

user:   mov ax, 0x23
        mov ds, ax
        mov es, ax
        mov ecx, SYSCALLS
.call:  mov eax, 20
        int 0x80
        loop .call
        mov ecx, DIVIDES
.div:   xor edx, edx
        mov eax, 7
        xor ebx, ebx
        div ebx                         ; #DE: the handler skips these two bytes
        loop .div
        int 0x81
        jmp $

syscall:
        push ds
        push eax
        mov ax, 0x10
        mov ds, ax
        inc dword [RESULTS]
        pop eax
        pop ds
        iret

divide: push ds
        push eax
        mov ax, 0x10
        mov ds, ax
        inc dword [RESULTS + 4]
        add dword [esp + 8], 2          ; skip DIV EBX (F7 F3)
        pop eax
        pop ds
        iret

poweroff:
        mov dx, 0x501
        mov al, 0x10
        out dx, al
        jmp $

        GDT_BEGIN
        dq 0x00CFFA000000FFFF           ; 0x18 user code
        dq 0x00CFF2000000FFFF           ; 0x20 user data
gdt_tss: dw 0x67, 0                     ; 0x28 TSS (base filled in)
        db 0, 0x89, 0, 0
        GDT_END
align 16
tss:    times 0x68 db 0
        IDT_SPACE
        times 4096 db 0
kstack_top:
        times 4096 db 0
ustack_top:
bss_end:
