; sensitive — the unprivileged instructions that reveal or test privileged state (Robin &
; Irvine's "sensitive but unprivileged" set, which defeats trap-and-emulate), run at CPL 0, 1
; and 3: SGDT SIDT SLDT STR SMSW (register and memory forms), MOV r,CS/SS and PUSH CS (the
; RPL shows the CPL), and LAR LSL VERR VERW over a set of selectors: null, flat code/data of
; each DPL with RPL 0 and 3, the busy TSS, an LDT, a call gate, an interrupt-gate type (invalid
; for LAR), a not-present segment, conforming code, a selector past the GDT limit, and LDT
; selectors. Also: LTR marked the TSS busy; loading a segment sets the descriptor's accessed bit.
; LAR's bits 19:16 are undefined (masked); SMSW r32's upper 16 bits are undefined (masked).

%include "rt.inc"

%define SEL_LDT    (SEL_FREE + 0x00)        ; LDT descriptor (2 entries)
%define SEL_CGATE  (SEL_FREE + 0x08)        ; call gate, DPL 3
%define SEL_IGATE  (SEL_FREE + 0x10)        ; type 0xE in the GDT (not valid for LAR/LSL)
%define SEL_NP     (SEL_FREE + 0x18)        ; data, DPL 3, not present
%define SEL_CONF   (SEL_FREE + 0x20)        ; conforming code, DPL 0, execute-only
%define SEL_XO3    (SEL_FREE + 0x28)        ; execute-only code, DPL 3, limit 0x12345 bytes
%define SEL_RO1    (SEL_FREE + 0x30)        ; read-only data, DPL 1, limit 0xABCDE pages
%define SEL_FRESH  (SEL_FREE + 0x38)        ; data, DPL 0, accessed bit clear

section .data
align 8
ldt:
    dw 0xFFFF, 0, 0xF300, 0x00CF            ; LDT 0x04/0x07: data DPL 3
    dw 0x0FFF, 0, 0xB800, 0x0040            ; LDT 0x0C/0x0D: execute-only code DPL 1

section .rodata
selectors:
    dd 0x0000, 0x0008, 0x000B, 0x0010, 0x0013, 0x0019, 0x0021, 0x0023, 0x003B, 0x0043, 0x0040
    dd SEL_TSS, SEL_LDT, SEL_CGATE, SEL_IGATE, SEL_NP + 3, SEL_CONF, SEL_CONF + 3
    dd SEL_XO3 + 3, SEL_RO1 + 1, SEL_RO1 + 3, 0x00F8, 0x0100, 0x0007, 0x000D, 0x0014
%define NSEL 26

section .bss
scratch: resd 4

section .text
; prints everything a program at the current CPL can see
show:
    mov eax, cs
    PRINT "  cs="
    HEX16 eax
    mov eax, ss
    PRINT " ss="
    HEX16 eax
    push cs
    pop eax
    PRINT " push cs="
    HEX16 eax
    sgdt [scratch]
    PRINT " sgdt="
    HEX16 [scratch]
    PRINT ":"
    HEX32 [scratch + 2]
    sidt [scratch]
    PRINT " sidt="
    HEX16 [scratch]
    PRINT ":"
    HEX32 [scratch + 2]
    call putnl
    mov eax, 0xFFFFFFFF
    sldt eax
    PRINT "  sldt r32="
    HEX32 eax
    mov word [scratch], 0xFFFF
    sldt [scratch]
    PRINT " sldt m16="
    HEX16 [scratch]
    mov eax, 0xFFFFFFFF
    str eax
    PRINT " str r32="
    HEX32 eax
    str [scratch]
    PRINT " str m16="
    HEX16 [scratch]
    smsw eax
    PRINT " smsw r32&FFFF="
    HEX16 eax
    mov eax, 0x12345678
    smsw ax
    PRINT " smsw r16="
    HEX32 eax
    smsw [scratch]
    PRINT " smsw m16="
    HEX16 [scratch]
    call putnl
    ; LAR / LSL / VERR / VERW
    xor esi, esi
.sel:
    mov ebx, [selectors + esi * 4]
    PRINT "  sel "
    HEX16 ebx
    mov eax, 0xEEEEEEEE
    lar eax, ebx
    pushfd
    pop ecx
    PRINT " lar="
    and eax, 0xFFF0FFFF                     ; bits 19:16 undefined
    call zf_value
    mov eax, 0xEEEEEEEE
    lsl eax, ebx
    pushfd
    pop ecx
    PRINT " lsl="
    call zf_value
    verr bx
    pushfd
    pop ecx
    PRINT " verr="
    call zf_only
    verw bx
    pushfd
    pop ecx
    PRINT " verw="
    call zf_only
    call putnl
    inc esi
    cmp esi, NSEL
    jb .sel
    ret

zf_value:                                   ; ECX = flags: "--------" (ZF=0) or EAX (ZF=1)
    test ecx, FL_ZF
    jnz .set
    PRINT "--------"
    ret
.set:
    jmp puthex32
zf_only:                                    ; ECX = flags: ZF as 0/1
    test ecx, FL_ZF
    jnz .set
    PRINT "0"
    ret
.set:
    PRINT "1"
    ret

ring_show:
    call show
    ret

test_main:
    PRINTLN "sensitive: SGDT SIDT SLDT STR SMSW LAR LSL VERR VERW and CS/SS reads by CPL"
    mov eax, SEL_LDT
    mov ebx, ldt
    mov ecx, 15
    mov dx, 0x0082                          ; LDT, DPL 0
    call set_desc
    mov eax, SEL_CGATE
    mov ebx, 0x00123456
    mov ecx, SEL_CODE0
    mov dx, 0x02EC                          ; call gate DPL 3, 2 parameters
    call set_gate
    mov eax, SEL_IGATE
    mov dx, 0x00EE                          ; interrupt-gate type in the GDT
    call set_gate
    mov eax, SEL_NP
    xor ebx, ebx
    mov ecx, 0xFFFFF
    mov dx, 0xC073                          ; not present, DPL 3, data
    call set_desc
    mov eax, SEL_CONF
    mov dx, 0xC09D                          ; conforming execute-only, DPL 0
    call set_desc
    mov eax, SEL_XO3
    mov ebx, 0x00400000
    mov ecx, 0x12345
    mov dx, 0x40F9                          ; execute-only, DPL 3, byte granular
    call set_desc
    mov eax, SEL_RO1
    xor ebx, ebx
    mov ecx, 0xABCDE
    mov dx, 0xC0B1                          ; read-only data, DPL 1, 4 KiB granular
    call set_desc
    mov eax, SEL_FRESH
    mov ecx, 0xFFFFF
    mov dx, 0xC092                          ; data, DPL 0, accessed = 0
    call set_desc
    mov ax, SEL_LDT
    lldt ax

    PRINTLN "cpl 0:"
    call show
    PRINTLN "cpl 1:"
    mov eax, 1
    mov ebx, ring_show
    xor ecx, ecx
    call ring_call
    PRINTLN "cpl 3:"
    mov eax, 3
    mov ebx, ring_show
    xor ecx, ecx
    call ring_call

    PRINTLN "accessed bit:"
    mov ebx, SEL_FRESH
    lar eax, ebx
    and eax, 0xFFF0FFFF
    PRINT "  before load: lar="
    HEX32 eax
    mov ax, SEL_FRESH
    mov es, ax
    mov ax, SEL_DATA0
    mov es, ax
    lar eax, ebx
    and eax, 0xFFF0FFFF
    PRINT " after load: lar="
    HEX32 eax
    PRINT " descriptor="
    HEX32 [gdt + SEL_FRESH + 4]
    call putnl
    PRINT "tss descriptor (busy after LTR): "
    HEX32 [gdt + SEL_TSS + 4]
    call putnl
    xor eax, eax
    lldt ax
    ret
