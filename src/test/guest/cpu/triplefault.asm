; triplefault — ends in a shutdown: with an IDT of limit 0, INT3 cannot be delivered (#GP),
; the #GP cannot be delivered (#DF), the #DF cannot be delivered: triple fault. The processor
; enters shutdown; QEMU with -no-reboot then exits with status 0 (not through the debug-exit
; port), and Ringmaster's run stops the VM with "triple fault" and returns 0 the same way.
; The transcript ends with the last line printed before the fault.

%include "rt.inc"

section .data
empty_idtr: dw 0
            dd 0

section .text
test_main:
    PRINTLN "triplefault: INT3 with an empty IDT -> #GP -> #DF -> shutdown"
    mov dword [empty_idtr + 2], idt
    lidt [empty_idtr]
    PRINTLN "idt limit 0 loaded; int3 now"
    int3
    PRINTLN "STILL RUNNING after the triple fault"
    mov al, 0x7D
    call exit_guest
