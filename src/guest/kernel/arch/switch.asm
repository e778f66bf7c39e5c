; Context switch between kernel stacks (not privileged: plain stack juggling).
bits 32
section .text

; void swtch(uint32_t *save_esp, uint32_t new_esp)
; Saves the callee-saved registers of the C calling convention (EBX, ESI, EDI, EBP) on the
; current stack, stores ESP in *save_esp, switches to new_esp and pops the registers that the
; other side saved the same way. The RET then returns into whoever called swtch there - or, for
; a process that never ran, into proc_first_run (proc.c builds that stack by hand).
global swtch
swtch:
    mov eax, [esp + 4]
    mov edx, [esp + 8]
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret

; First instructions of a new process (after fork or at boot): ESP points at its trapframe.
extern proc_first_entry
extern trap_return
global proc_first_run
proc_first_run:
    call proc_first_entry             ; C: the checks trap() does before going back to ring 3
    jmp trap_return
