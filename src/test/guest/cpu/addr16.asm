; addr16 — 16-bit addressing in 32-bit code (0x67): all eight r/m bases with mod 00/01/10,
; [disp16], 16-bit wraparound of BX+SI+disp, SS as the default segment of BP-based forms,
; segment overrides both ways, 16-bit LEA (truncated, zero-extended), stores; then a 16-bit
; code segment (D=0) in protected mode: default 16-bit operand/address size, 0x66/0x67
; prefixes, 16-bit near/far CALL/RET, PUSH/POP on a 32-bit stack, INT3 from 16-bit code
; through a 32-bit gate, INT through a 16-bit interrupt gate with a 16-bit IRET.
;
; DS-forms read from "dsbuf" (data segment SEL_DSW, base dsbuf) and SS-forms from "ssbuf"
; (SEL_SSW); byte o of dsbuf = (3*o + 1) xor (o >> 8), of ssbuf = (5*o + 7) xor (o >> 8) xor 80.

%include "rt.inc"

%define SEL_DSW   (SEL_FREE + 0x00)         ; data, base dsbuf, limit 4 GiB
%define SEL_SSW   (SEL_FREE + 0x08)         ; data, base ssbuf, limit 4 GiB
%define SEL_C16   (SEL_FREE + 0x10)         ; 16-bit code, base t16_base, limit FFFF
%define SEL_RES   (SEL_FREE + 0x18)         ; data, base results (16-bit code stores there)

section .bss
alignb 4096
dsbuf:  resb 0x10000 + 16
alignb 4096
ssbuf:  resb 0x10000 + 16
regs:   resd 4                              ; EBX ESI EDI EBP for the current set
saved_esp: resd 1
results: resd 32
counter16: resd 1

section .rodata
; register sets (upper halves are garbage that 16-bit addressing must ignore)
regsets:
    dd 0xAAAA1234, 0xBBBB0010, 0xCCCC0020, 0xDDDD0300
    dd 0xAAAAFFF0, 0xBBBB0020, 0xCCCC0008, 0xDDDDFFFF
    dd 0xAAAA8000, 0xBBBB8000, 0xCCCC7FFF, 0xDDDD8001
    dd 0xAAAA0000, 0xBBBBFFFF, 0xCCCC0001, 0xDDDD0000
%define NSETS 4

section .text
; ---- forms: each loads EAX (or stores) with DS=SEL_DSW, SS=SEL_SSW, ES=SEL_SSW ---------------
%macro FORM 2+
    [section .rodata]
%%n: db %1, 0
    [section .rodata.forms]
    dd %%n, %%stub
    __SECT__
%%stub:
    %2
    jmp form_back
%endmacro

[section .rodata.forms]
forms:
__SECT__
FORM "[bx+si]",        mov eax, [bx+si]
FORM "[bx+di]",        mov eax, [bx+di]
FORM "[bp+si]",        mov eax, [bp+si]
FORM "[bp+di]",        mov eax, [bp+di]
FORM "[si]",           mov eax, [si]
FORM "[di]",           mov eax, [di]
FORM "[disp16]",       mov eax, [word 0xFFFE]
FORM "[bx]",           mov eax, [bx]
FORM "[bx+si+7F]",     mov eax, [bx+si+0x7F]
FORM "[bx+di-80]",     mov eax, [bx+di-0x80]
FORM "[bp+si+1]",      mov eax, [bp+si+1]
FORM "[bp+di-1]",      mov eax, [bp+di-1]
FORM "[si+40]",        mov eax, [si+0x40]
FORM "[di-2]",         mov eax, [di-2]
FORM "[bp+0]",         mov eax, [bp+0]
FORM "[bx+10]",        mov eax, [bx+0x10]
FORM "[bx+si+1234]",   mov eax, [bx+si+0x1234]
FORM "[bx+di-1]",      mov eax, [bx+di-1]
FORM "[bp+si+8000]",   mov eax, [bp+si+0x8000]
FORM "[bp+di+7FFF]",   mov eax, [bp+di+0x7FFF]
FORM "[si+F000]",      mov eax, [si+0xF000]
FORM "[di+0100]",      mov eax, [di+0x0100]
FORM "[bp+1000]",      mov eax, [bp+0x1000]
FORM "[bx+EFF0]",      mov eax, [bx+0xEFF0]
FORM "ds:[bp+si]",     mov eax, [ds:bp+si]
FORM "ss:[bx+di]",     mov eax, [ss:bx+di]
FORM "es:[si+3]",      mov eax, [es:si+3]
FORM "al,[bp]",        mov al, [bp+0]
FORM "ax,[bx+si-1]",   mov ax, [bx+si-1]
FORM "movzx [bp+di]",  movzx eax, word [bp+di]
FORM "add [bx+si]",    add eax, [bx+si]
FORM "lea eax,[bx+si+7FFF]", lea eax, [bx+si+0x7FFF]
FORM "lea eax,[bp+di-1]",    lea eax, [bp+di-1]
FORM "lea ax,[bx+FF00]",     lea ax, [bx+0xFF00]
FORM "lea eax,[disp16]",     lea eax, [word 0x9ABC]
FORM "store [bp+si+2]",      mov [bp+si+2], eax
FORM "store [bx+di+3]",      mov [bx+di+3], eax
[section .rodata.forms]
    dd 0
__SECT__

; EDX = form stub; EBX ESI EDI EBP from regs; EAX = 0x5EED0000 + set*0x111 on entry
run_form:
    pushad
    mov [saved_esp], esp
    mov ebx, [regs]
    mov esi, [regs + 4]
    mov edi, [regs + 8]
    mov ebp, [regs + 12]
    mov cx, SEL_DSW
    mov ds, cx
    mov cx, SEL_SSW
    mov es, cx
    mov ss, cx                              ; no stack use until form_back
    jmp edx
form_back:
    mov cx, SEL_DATA0
    mov ss, cx
    mov ds, cx
    mov es, cx
    mov esp, [saved_esp]
    mov [esp + 28], eax                     ; result in the EAX slot
    popad
    ret

fill:
    xor ecx, ecx
.l: mov eax, ecx
    imul eax, eax, 3
    inc eax
    mov edx, ecx
    shr edx, 8
    xor eax, edx
    mov [dsbuf + ecx], al
    mov eax, ecx
    imul eax, eax, 5
    add eax, 7
    xor eax, edx
    xor al, 0x80
    mov [ssbuf + ecx], al
    inc ecx
    cmp ecx, 0x10000 + 16
    jb .l
    ret

forms_test:
    xor ebp, ebp                            ; register set
.set:
    mov esi, ebp
    shl esi, 4
    add esi, regsets
    mov edi, regs
    mov ecx, 4
    rep movsd
    PRINT "set "
    DEC ebp
    PRINT ": bx="
    HEX16 [regs]
    PRINT " si="
    HEX16 [regs + 4]
    PRINT " di="
    HEX16 [regs + 8]
    PRINT " bp="
    HEX16 [regs + 12]
    call putnl
    mov esi, forms
.form:
    cmp dword [esi], 0
    je .formsdone
    imul eax, ebp, 0x111
    add eax, 0x5EED0000
    mov edx, [esi + 4]
    call run_form
    PRINT "  "
    push esi
    mov esi, [esi]
    call puts
    pop esi
    PRINT " = "
    HEX32 eax
    call putnl
    add esi, 8
    jmp .form
.formsdone:
    inc ebp
    cmp ebp, NSETS
    jb .set
    ; what the stores wrote
    call hash_reset
    xor ecx, ecx
.h: mov eax, [dsbuf + ecx]
    call hash_u32
    mov eax, [ssbuf + ecx]
    call hash_u32
    add ecx, 4
    cmp ecx, 0x10000 + 16
    jb .h
    PRINT "buffers after the stores: hash="
    HEX32 [hash_value]
    call putnl
    ret

; ---- a 16-bit code segment ------------------------------------------------------------------------
section .text16
bits 16
t16_base:
pm16_entry:                                 ; CS = SEL_C16, DS = SEL_RES, SS:ESP = the 32-bit stack
    mov ax, 0x1234
    add ax, 0xF000                          ; 16-bit operand size by default
    pushf
    pop bx                                  ; 16-bit PUSHF/POP on a B=1 stack (ESP -= 2)
    mov [0], ax
    mov [2], bx
    mov eax, 0x89ABCDEF                     ; 66 B8
    add eax, 0x11111111
    mov [4], eax
    mov esi, 20                             ; 67: 32-bit addressing in 16-bit code
    mov dword [esi * 2 + 8], 0x5555AAAA     ; offset 48
    mov si, 4
    mov cx, [si]                            ; low half of the o32 result
    mov [20], cx
    mov ebx, esp
    call near .near                         ; pushes IP (2 bytes)
    push word 0x7777
    call SEL_C16:far16 - t16_base           ; 9A ptr16:16: pushes CS, IP (2 + 2 bytes)
    pop dx
    mov [28], dx
    mov ecx, ebx
    sub ecx, esp
    mov [32], ecx                           ; stack balance (0)
    mov dword [ss:dword rec_eip], .after_bp - t16_base
    int3                                    ; through the 32-bit gate: a 32-bit frame
.after_bp:
    mov word [ss:dword counter16], 0
    int 0x40                                ; through a 16-bit interrupt gate
    int 0x40
    mov ax, [ss:dword counter16]
    mov [36], ax
    jmp dword SEL_CODE0:pm16_back           ; 66 EA ptr16:32
.near:
    mov eax, esp
    sub eax, ebx
    mov [24], eax                           ; -2
    ret                                     ; C3 with a 16-bit operand size: pops IP
far16:
    mov ebp, esp
    mov ax, [ss:ebp + 2]                    ; pushed CS (the stack is 32-bit: ESP)
    mov [40], ax
    retf                                    ; 16-bit far return

int40_16:                                   ; 16-bit interrupt gate handler
    inc word [ss:dword counter16]
    iret                                    ; 16-bit IRET: pops IP, CS, FLAGS

bits 32
section .text
code16_test:
    mov eax, SEL_C16
    mov ebx, t16_base
    mov ecx, 0xFFFF
    mov dx, 0x009B                          ; 16-bit code, DPL 0
    call set_desc
    mov eax, SEL_RES
    mov ebx, results
    mov ecx, 0xFFFFF
    mov dx, 0xC093
    call set_desc
    mov eax, 0x40
    mov ebx, int40_16 - t16_base
    mov ecx, SEL_C16
    mov dl, 0x86                            ; present, DPL 0, 16-bit interrupt gate
    call set_idt_gate
    mov [saved_esp], esp
    mov ax, SEL_RES
    mov ds, ax
    jmp SEL_C16:pm16_entry - t16_base
pm16_back:
    mov ax, SEL_DATA0
    mov ds, ax
    mov esp, [saved_esp]
    mov eax, 0x40
    call idt_default
    PRINT "code16: add ax="
    HEX16 [results]
    PRINT " flags="
    movzx eax, word [results + 2]
    and eax, 0x8D5
    HEX16 eax
    PRINT " o32 add="
    HEX32 [results + 4]
    PRINT " a32 store="
    HEX32 [results + 48]
    PRINT " [si]="
    HEX16 [results + 20]
    call putnl
    PRINT "code16: near call esp delta="
    HEX32 [results + 24]
    PRINT " far call cs="
    HEX16 [results + 40]
    PRINT " arg="
    HEX16 [results + 28]
    PRINT " balance="
    HEX32 [results + 32]
    PRINT " int 0x40 (16-bit gate) count="
    HEX16 [results + 36]
    call putnl
    ret

test_main:
    PRINTLN "addr16: 16-bit addressing (0x67) and 16-bit protected-mode code"
    mov eax, SEL_DSW
    mov ebx, dsbuf
    mov ecx, 0xFFFFF
    mov dx, 0xC093
    call set_desc
    mov eax, SEL_SSW
    mov ebx, ssbuf
    call set_desc
    call fill
    call forms_test
    call code16_test
    ret
