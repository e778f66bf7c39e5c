; hello-metal: the smallest thing a PC can boot - no operating system, just code.
;
; A Multiboot v1 kernel: the boot loader (QEMU's -kernel, GRUB, Ringmaster) loads it at 1 MiB
; and jumps to _start in 32-bit protected mode, ring 0, paging and interrupts off, with
; EAX = 0x2BADB002 and EBX = the Multiboot information (memory size, command line).
; It writes a banner to the VGA text screen (physical 0xB8000: 80x25 cells of character +
; colour attribute) and to the serial port COM1 (16550A UART at port 0x3F8). Then it halts -
; or, with "exit" on its command line, powers off through the isa-debug-exit port 0x501
; (QEMU then exits with status (0 << 1) | 1 = 1).
bits 32

MB_MAGIC equ 0x1BADB002
MB_FLAGS equ 1 << 1                     ; please pass memory information
VGA      equ 0xB8000
COM1     equ 0x3F8

section .multiboot
align 4
    dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

section .text
global _start
_start:
    cli
    cld
    mov esp, stack_top
    mov [mbi], ebx

    ; COM1: 115200 baud (divisor 1), 8 data bits, no parity, 1 stop bit.
    mov dx, COM1 + 3
    mov al, 0x80                        ; LCR: DLAB = 1 to reach the divisor latch
    out dx, al
    mov dx, COM1
    mov al, 1
    out dx, al
    inc dx
    xor al, al
    out dx, al
    mov dx, COM1 + 3
    mov al, 0x03                        ; LCR: 8N1, DLAB = 0
    out dx, al

    ; Clear the screen: blank cells, grey on black.
    mov edi, VGA
    mov ecx, 80 * 25
    mov ax, 0x0720
    rep stosw

    mov dword [row], 1
    mov ah, 0x1F                        ; bright white on blue
    mov esi, title
    call say
    mov ah, 0x0E                        ; yellow
    mov esi, line1
    call say
    mov ah, 0x0A                        ; green
    mov esi, line2
    call say
    mov ah, 0x0B                        ; cyan
    mov esi, line3
    call say

    ; Memory, from the Multiboot information: mem_upper = KiB above 1 MiB.
    mov ebx, [mbi]
    mov eax, [ebx + 8]
    add eax, 1024 + 1023
    shr eax, 10                         ; MiB, rounded up
    mov edi, memnum
    mov esi, mib
    call decimal
    mov ah, 0x0D                        ; magenta
    mov esi, memline
    call say

    ; The privilege level is in the low two bits of CS.
    mov ax, cs
    and al, 3
    add al, '0'
    mov [ringnum], al
    mov ah, 0x0C                        ; red
    mov esi, ringline
    call say

    ; A rainbow: the 16 background colours.
    mov edi, [row]
    inc edi
    imul edi, 160
    add edi, VGA + 2 * 4
    xor ecx, ecx
.bar:
    mov eax, ecx
    shl eax, 12                         ; background colour = attribute bits 4-7
    mov al, ' '
    stosw
    stosw
    stosw
    inc ecx
    cmp ecx, 16
    jb .bar

    ; "exit" on the command line? Then power off through isa-debug-exit.
    mov ebx, [mbi]
    test dword [ebx], 1 << 2
    jz .halt
    mov esi, [ebx + 16]                 ; the command line: look for the word "exit"
    mov edi, esi
.scan:
    cmp byte [esi], 0
    je .halt
    cmp dword [esi], 'exit'             ; the four bytes 'e' 'x' 'i' 't'
    jne .on
    cmp esi, edi                        ; at the start, or after a space
    je .end
    cmp byte [esi - 1], ' '
    jne .on
.end:
    mov al, [esi + 4]                   ; and followed by the end or a space
    test al, al
    jz .exit
    cmp al, ' '
    je .exit
.on:
    inc esi
    jmp .scan
.exit:
    mov esi, bye
    mov ah, 0x07
    call say
    mov dx, 0x501
    xor al, al
    out dx, al                          ; QEMU/Ringmaster stop here, exit code 1
.halt:
    cli
    hlt
    jmp .halt

; say: ESI = NUL-terminated line, AH = VGA attribute. Writes it at column 4 of the current row
; of the screen and to COM1 followed by CR LF; moves to the next row.
say:
    pusha
    mov edi, [row]
    imul edi, 160
    add edi, VGA + 2 * 4
.next:
    lodsb
    test al, al
    jz .done
    stosw                               ; character in AL, attribute in AH
    call serial
    jmp .next
.done:
    mov al, 13
    call serial
    mov al, 10
    call serial
    inc dword [row]
    popa
    ret

; serial: sends AL once the transmit holding register is empty (LSR bit 5).
serial:
    push edx
    push eax
    mov dx, COM1 + 5
.wait:
    in al, dx
    test al, 0x20
    jz .wait
    pop eax
    mov dx, COM1
    out dx, al
    pop edx
    ret

; decimal: writes EAX in decimal at EDI, followed by the rest of the line at ESI.
decimal:
    mov ebx, 10
    xor ecx, ecx
.digit:
    xor edx, edx
    div ebx
    push edx                            ; digits come out last first
    inc ecx
    test eax, eax
    jnz .digit
.store:
    pop eax
    add al, '0'
    stosb
    loop .store
.copy:
    lodsb
    stosb
    test al, al
    jnz .copy
    ret

section .data
title:    db " Hello from bare metal! ", 0
line1:    db "No operating system: this is all the code there is.", 0
line2:    db "32-bit protected mode, paging off, started by a Multiboot loader.", 0
line3:    db "Writing to the VGA text buffer at 0xB8000 and to COM1 at port 0x3F8.", 0
memline:  db "Memory: "
memnum:   times 16 db 0
mib:      db " MiB", 0
ringline: db "Running in ring "
ringnum:  db "0 (CS & 3).", 0
bye:      db "Powering off through the isa-debug-exit port 0x501.", 0

section .bss
alignb 4
mbi:   resd 1
row:   resd 1
stack: resb 4096
stack_top:
