; The out-of-line half of the privileged-operations layer (the inline half is cpu_ops.h).
bits 32
section .text

extern tss

; void pt_write(volatile uint32_t *entry, uint32_t value)
; The only instruction in rmx that stores a page-directory or page-table entry is the MOV below.
global pt_write
pt_write:
    mov eax, [esp + 4]
    mov edx, [esp + 8]
    mov [eax], edx
    ret

; void cpu_set_kernel_stack(uint32_t esp0)
; The 32-bit TSS holds ESP0 at offset 4: the stack pointer the CPU loads (with SS0) when an
; interrupt, exception or int 0x80 arrives while the CPU runs in ring 3.
global cpu_set_kernel_stack
cpu_set_kernel_stack:
    mov eax, [esp + 4]
    mov [tss + 4], eax
    ret

; void trap_return(void)
; ESP points at a struct trapframe (arch/trap.h): segment registers, PUSHA block, vector and
; error code, then the frame IRET consumes: EIP, CS, EFLAGS and, when CS is a ring 3
; selector, ESP and SS of the user stack.
global trap_return
trap_return:
    pop gs
    pop fs
    pop es
    pop ds
    popa
    add esp, 8                  ; vector and error code
    iret
