; serial.asm — COM1 (16550A at 0x3F8) output for the protected-mode test guests.
; Every routine preserves all general registers (the flags are not preserved).
; At CPL 0 the UART is driven directly; at CPL 1..3 each character goes through INT 0x30.

%include "defs.inc"

global serial_init, putc_raw, putc, puts, puthex8, puthex16, puthex32, putdec, putnl, putsp

%define COM1 0x3F8

section .text
serial_init:
    push eax
    push edx
    mov dx, COM1 + 1
    xor al, al
    out dx, al                  ; IER: no interrupts
    mov dx, COM1 + 3
    mov al, 0x80
    out dx, al                  ; LCR: DLAB
    mov dx, COM1
    mov al, 1
    out dx, al                  ; divisor 1 = 115200 baud
    mov dx, COM1 + 1
    xor al, al
    out dx, al
    mov dx, COM1 + 3
    mov al, 0x03
    out dx, al                  ; 8N1
    mov dx, COM1 + 2
    mov al, 0x07
    out dx, al                  ; FCR: FIFOs on and cleared
    mov dx, COM1 + 4
    mov al, 0x03
    out dx, al                  ; MCR: DTR RTS (OUT2 off: no IRQ)
    pop edx
    pop eax
    ret

; AL = character; CPL 0 only
putc_raw:
    push eax
    push edx
    mov ah, al
    mov dx, COM1 + 5
.wait:
    in al, dx
    test al, 0x20               ; LSR.THRE
    jz .wait
    mov al, ah
    mov dx, COM1
    out dx, al
    pop edx
    pop eax
    ret

; AL = character; any CPL
putc:
    push ebx
    mov bx, cs
    test bl, 3
    jnz .outer
    call putc_raw
    pop ebx
    ret
.outer:
    mov bl, al
    int 0x30
    pop ebx
    ret

; ESI = NUL-terminated string
puts:
    push eax
    push esi
.l: mov al, [esi]
    test al, al
    jz .d
    call putc
    inc esi
    jmp .l
.d: pop esi
    pop eax
    ret

putnl:
    push eax
    mov al, 10
    call putc
    pop eax
    ret

putsp:
    push eax
    mov al, ' '
    call putc
    pop eax
    ret

; EAX: print the low 8 / 16 / all 32 bits in upper-case hex
puthex8:
    push ecx
    mov ecx, 2
    jmp puthex_n
puthex16:
    push ecx
    mov ecx, 4
    jmp puthex_n
puthex32:
    push ecx
    mov ecx, 8
puthex_n:                       ; ECX = digits (saved ECX on the stack)
    push eax
    push edx
    mov edx, eax
    ; rotate so that the first digit to print is in the top nibble
    push ecx
    neg ecx
    add ecx, 8
    shl ecx, 2
    shl edx, cl
    pop ecx
.l: rol edx, 4
    mov al, dl
    and al, 0x0F
    add al, '0'
    cmp al, '9'
    jbe .p
    add al, 'A' - '0' - 10
.p: call putc
    dec ecx
    jnz .l
    pop edx
    pop eax
    pop ecx
    ret

; EAX: unsigned decimal
putdec:
    push eax
    push ebx
    push ecx
    push edx
    mov ebx, 10
    xor ecx, ecx
.div:
    xor edx, edx
    div ebx
    push edx
    inc ecx
    test eax, eax
    jnz .div
.out:
    pop eax
    add al, '0'
    call putc
    dec ecx
    jnz .out
    pop edx
    pop ecx
    pop ebx
    pop eax
    ret
