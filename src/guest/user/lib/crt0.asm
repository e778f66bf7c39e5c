; Entry point of every rmx program. The kernel's exec() leaves ESP pointing at argc, followed by
; argv[0..argc-1] and a NULL (kernel/exec.c). main's return value becomes the exit status.
bits 32
section .text
extern main
extern exit
global _start
_start:
    xor ebp, ebp                    ; end of the frame-pointer chain
    mov eax, [esp]                  ; argc
    lea edx, [esp + 4]              ; argv
    and esp, -16
    sub esp, 8
    push edx
    push eax
    call main
    push eax
    call exit
.hang:
    jmp .hang
