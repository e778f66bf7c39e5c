; strio — a Multiboot kernel (a.out kludge) that exercises the string I/O instructions and the MSRs
; trap-and-emulate must emulate: REP OUTSB forwards and backwards (DF), OUTSB with an FS override and
; 16-bit addressing (SI/CX only), REP INSB/INSW/INSD into ES (not DS), OUTSW/OUTSD, then WRMSR/RDMSR of
; IA32_SYSENTER_CS/ESP and the TSC (RDTSC follows it), and two unknown MSRs that raise #GP(0) into the
; guest's handler. Everything it learns goes to COM1 as text; exits with QEMU status 0x21.
bits 32
org 0x100000
%include "pc.inc"
COM1    equ 0x3F8
NOPORT  equ 0x2E0               ; no device claims it: reads float to all ones

        MULTIBOOT_AOUT start, bss_end

        FLAT_START
        GATE 13, gp
        lidt [idtr]
        cld
        mov dx, COM1
        ; 1. REP OUTSB, forwards
        mov esi, msg1
        mov ecx, msg1_len
        rep outsb
        ; 2. REP OUTSB, backwards (DF = 1): the text is stored reversed
        std
        mov esi, msg2 + msg2_len - 1
        mov ecx, msg2_len
        rep outsb
        cld
        ; 3. FS override, 16-bit addressing: only SI and CX count and change
        mov ax, 0x18                    ; data segment with base 0x100000
        mov fs, ax
        mov esi, 0xFFFF0000 | (msg3 - $$)
        mov ecx, 0xABCD0000 | msg3_len
        a16 rep fs outsb
        mov eax, esi
        call puthex
        mov eax, ecx
        call puthex
        call crlf
        ; 4. REP INSB into ES:EDI — ES has base 0x100000, so EDI is an offset from there
        mov dx, COM1 + 7                ; the UART's scratch register
        mov al, 0x5A
        out dx, al
        mov ax, 0x18
        mov es, ax
        mov edi, buf - $$
        mov ecx, 4
        rep insb
        mov eax, edi
        call puthex
        mov eax, [buf]
        call puthex
        ; 5. INSW (MSR and scratch register of the UART), INSD from nowhere
        mov dx, COM1 + 6
        mov edi, buf - $$
        insw
        mov eax, [buf]
        call puthex
        mov dx, NOPORT
        insd
        mov eax, [buf + 2]
        call puthex
        call crlf
        mov ax, 0x10
        mov es, ax
        ; 6. REP OUTSW / OUTSD: words to the scratch register's pair, a dword to nowhere
        mov dx, COM1 + 6
        mov esi, words
        mov ecx, 2
        rep outsw
        mov dx, COM1 + 7
        in al, dx
        movzx eax, al
        call puthex
        mov dx, NOPORT
        mov esi, words
        outsd
        mov eax, esi
        sub eax, words
        call puthex
        call crlf
        ; 7. MSRs
        mov ecx, 0x174
        mov eax, 0x1234
        xor edx, edx
        wrmsr
        xor eax, eax
        rdmsr
        call puthex
        mov ecx, 0x175
        mov eax, 0xCAFEBABE
        wrmsr
        xor eax, eax
        rdmsr
        call puthex
        mov ecx, 0x10
        mov edx, 0x777
        xor eax, eax
        wrmsr
        rdtsc
        mov eax, edx
        call puthex
        mov ecx, 0x10
        rdmsr
        mov eax, edx
        call puthex
        call crlf
        mov ecx, 0x1B                   ; IA32_APIC_BASE: this CPU has none: #GP(0)
        rdmsr
        mov ecx, 0xC0000080             ; EFER: none either
        wrmsr
        mov esi, msg4
        mov ecx, msg4_len
        mov dx, COM1
        rep outsb
        mov dx, 0x501
        mov al, 0x10
        out dx, al
        jmp $

gp:     push eax                        ; error code at [esp + 4]
        push esi
        push ecx
        push edx
        mov esi, gpmsg
        mov ecx, gpmsg_len
        mov dx, COM1
        rep outsb
        mov eax, [esp + 16]
        call puthex
        call crlf
        pop edx
        pop ecx
        pop esi
        pop eax
        add esp, 4
        add dword [esp], 2              ; skip RDMSR/WRMSR (0F 32 / 0F 30)
        iret

puthex: pushad                          ; EAX as 8 hex digits and a space
        mov ebx, eax
        mov ecx, 8
        mov dx, COM1
.digit: rol ebx, 4
        mov al, bl
        and al, 0x0F
        add al, '0'
        cmp al, '9'
        jbe .out
        add al, 'A' - '9' - 1
.out:   out dx, al
        loop .digit
        mov al, ' '
        out dx, al
        popad
        ret

crlf:   push eax
        push edx
        mov dx, COM1
        mov al, 13
        out dx, al
        mov al, 10
        out dx, al
        pop edx
        pop eax
        ret

msg1:   db "rep outsb forwards", 13, 10
msg1_len equ $ - msg1
msg2:   db 10, 13, "sdrawkcab bstuo per"
msg2_len equ $ - msg2
msg3:   db "fs a16 outsb: "
msg3_len equ $ - msg3
msg4:   db "done", 13, 10
msg4_len equ $ - msg4
gpmsg:  db "#GP error "
gpmsg_len equ $ - gpmsg
words:  dw 0x1166, 0x3377

        GDT_BEGIN
        dq 0x00CF92100000FFFF           ; 0x18 data, base 0x100000
        GDT_END
align 16
buf:    times 16 db 0
        IDT_SPACE
        STACK_END
