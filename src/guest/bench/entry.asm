; entry.asm — Multiboot v1 entry of the bench guest: a stack, then bench_main(), then the exit code
; on QEMU's isa-debug-exit port 0x501 (Ringmaster's debug-exit port).
bits 32

section .multiboot
align 4
    dd 0x1BADB002
    dd 0
    dd -0x1BADB002

section .bss
align 16
stack:  resb 65536
stack_top:

section .text
global _start
extern bench_main
_start:
    cli
    mov esp, stack_top
    call bench_main
    mov dx, 0x501
    out dx, al
.hang:
    hlt
    jmp .hang
