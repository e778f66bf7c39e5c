; Multiboot v1 entry point of the rmx kernel.
;
; The boot loader (GRUB, QEMU's -kernel, Ringmaster) loads the ELF segments at their physical
; addresses (1 MiB and up), then jumps to the ELF entry point with
;   EAX = 0x2BADB002, EBX = physical address of the Multiboot information structure,
;   32-bit protected mode, flat 4 GiB segments, paging off, interrupts off.
; The kernel is linked at 0xC0100000 ("higher half"): until paging is on, every address this
; file uses must have KERNEL_BASE subtracted. It builds a boot page directory that maps the first
; 8 MiB twice - at 0 (so the instructions right after the CR0 write can still be fetched) and at
; 0xC0000000 - switches paging on and jumps to the high addresses. kmain() then builds the real
; kernel page tables through pt_write() and drops the low mapping.
;
; These few page-table stores and CR3/CR0 writes are the only privileged operations outside
; arch/cpu_ops.{h,asm}: they happen before there is anything to virtualize.
bits 32

KERNEL_BASE equ 0xC0000000
MB_MAGIC    equ 0x1BADB002
MB_FLAGS    equ (1 << 0) | (1 << 1)   ; modules page-aligned; mem_lower/mem_upper wanted
PTE_P       equ 1
PTE_RW      equ 2
BOOT_PTS    equ 2                     ; page tables in the boot mapping: 2 x 4 MiB
CR0_PG      equ 0x80000000

section .multiboot
align 4
    dd MB_MAGIC
    dd MB_FLAGS
    dd -(MB_MAGIC + MB_FLAGS)         ; the three words must sum to zero

section .boot.text exec
global _start
extern kmain
extern __bss_start, __bss_end
_start:
    cli
    cld
    mov esi, eax                      ; keep the Multiboot magic
    ; Zero .bss ourselves: cheap, and C relies on it.
    mov edi, __bss_start - KERNEL_BASE
    mov ecx, __bss_end - KERNEL_BASE
    sub ecx, edi
    xor eax, eax
    rep stosb
    ; Boot page tables: entry i maps physical page i (present, writable, supervisor).
    mov edi, boot_pt - KERNEL_BASE
    mov eax, PTE_P | PTE_RW
    mov ecx, 1024 * BOOT_PTS
.fill:
    stosd
    add eax, 4096
    loop .fill
    ; Page directory: entries 0.. (identity) and 768.. (0xC0000000 = 768 * 4 MiB).
    mov edx, boot_pd - KERNEL_BASE
    mov eax, boot_pt - KERNEL_BASE + (PTE_P | PTE_RW)
    xor ecx, ecx
.pde:
    mov [edx + ecx * 4], eax
    mov [edx + ecx * 4 + 768 * 4], eax
    add eax, 4096
    inc ecx
    cmp ecx, BOOT_PTS
    jb .pde
    mov cr3, edx
    mov eax, cr0
    or eax, CR0_PG
    mov cr0, eax
    mov eax, .high                    ; an absolute, high address
    jmp eax

section .text
.high:
    mov esp, boot_stack_top
    xor ebp, ebp                      ; end of the frame-pointer chain for debuggers
    push ebx                          ; Multiboot information (physical address)
    push esi                          ; Multiboot magic
    call kmain                        ; kmain never returns
.hang:
    cli
    hlt
    jmp .hang

section .bss
align 4096
global boot_stack_top
boot_pd:    resb 4096
boot_pt:    resb 4096 * BOOT_PTS
boot_stack: resb 16384                ; kmain's stack, later the scheduler's
boot_stack_top:
