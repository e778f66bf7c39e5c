; Interrupt and exception entry stubs.
;
; The CPU enters through the IDT gate of the vector. If it came from ring 3, it first loads
; SS:ESP from the TSS (SS0:ESP0, the process's kernel stack) and pushes the user SS and ESP;
; then it pushes EFLAGS, CS, EIP and, for some exceptions, an error code. Each stub below
; pushes a zero where the CPU pushes no error code (so every frame has the same shape), then
; the vector number, and joins isr_common, which saves the rest (struct trapframe in trap.h)
; and calls trap(). The way back is trap_return in cpu_ops.asm (IRET).
bits 32
section .text

extern trap
extern trap_return

%macro STUB_NOERR 1
global isr%1
isr%1:
    push dword 0
    push dword %1
    jmp isr_common
%endmacro

%macro STUB_ERR 1                     ; the CPU pushed an error code already
global isr%1
isr%1:
    push dword %1
    jmp isr_common
%endmacro

; Exceptions 0..31: 8 (#DF), 10 (#TS), 11 (#NP), 12 (#SS), 13 (#GP), 14 (#PF), 17 (#AC) push an
; error code.
%assign v 0
%rep 32
%if v = 8 || (v >= 10 && v <= 14) || v = 17
    STUB_ERR v
%else
    STUB_NOERR v
%endif
%assign v v + 1
%endrep

; IRQ 0..15 of the two 8259s, remapped to vectors 32..47 (pic.c).
%assign v 32
%rep 16
    STUB_NOERR v
%assign v v + 1
%endrep

; System calls.
    STUB_NOERR 128

isr_common:
    pusha
    push ds
    push es
    push fs
    push gs
    mov ax, 0x10                      ; kernel data segment (gdt.h: SEL_KDATA)
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    cld                               ; the C ABI wants DF = 0; user code may have set it
    push esp                          ; argument: struct trapframe *
    call trap
    add esp, 4
    jmp trap_return

; The address of every stub, for idt.c.
section .rodata
global isr_table
isr_table:
%assign v 0
%rep 48
    dd isr %+ v
%assign v v + 1
%endrep
global isr_syscall
isr_syscall:
    dd isr128
