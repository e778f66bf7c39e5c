; cond — the 16 condition codes through SETcc (reg, mem), CMOVcc (r32, r16, r32←m32), Jcc
; short (7x) and near (0F 8x), over all 32 combinations of OF SF ZF PF CF; LOOP LOOPE LOOPNE
; JECXZ JCXZ (and LOOP with a 16-bit address size: CX); near/far CALL, RET imm16, RETF,
; indirect JMP/CALL through registers and memory, far JMP through memory.
;
; Truth-table line: "cc NN name: SET SETM CMOV CMOV16 CMOVM JS JN" — one 32-bit mask per form,
; bit k = condition true for flag combination k (bit0 CF, bit1 PF, bit2 ZF, bit3 SF, bit4 OF;
; AF = CF xor OF, which no condition may read). "cc hash" covers every raw result register
; (the upper bits of CMOV16's and SETcc's destinations must survive).

%include "rt.inc"

section .bss
scratch: resd 4
cc_mask: resd 1
combo:   resd 1

section .text

%macro CC_FORMS 1
set_%1:     mov eax, 0xA5A5A5A5
            FL_IN
            set%1 al
            ret
setm_%1:    mov byte [scratch], 0x77
            FL_IN
            set%1 byte [scratch]
            movzx eax, byte [scratch]
            ret
cmov_%1:    mov eax, 0x10
            mov ebx, 0x11
            FL_IN
            cmov%1 eax, ebx
            ret
cmov16_%1:  mov eax, 0xFFFF0010
            mov ebx, 0xEEEE0011
            FL_IN
            cmov%1 ax, bx
            ret
cmovm_%1:   mov eax, 0x10
            mov dword [scratch], 0x11
            FL_IN
            cmov%1 eax, [scratch]
            ret
js_%1:      FL_IN
            mov eax, 0x20
            j%1 short .t
            ret
.t:         mov eax, 0x21
            ret
jn_%1:      FL_IN
            mov eax, 0x30
            j%1 near .t
            ret
.t:         mov eax, 0x31
            ret
%endmacro

%define CC_NAMES o, no, b, nb, z, nz, be, nbe, s, ns, p, np, l, nl, le, nle
%macro ALL_CC 0-*
%rep %0
CC_FORMS %1
%rotate 1
%endrep
%endmacro
ALL_CC CC_NAMES

%define NFORMS 7
section .rodata
%macro CC_TABLE 0-*
%rep %0
    dd set_%1, setm_%1, cmov_%1, cmov16_%1, cmovm_%1, js_%1, jn_%1
%rotate 1
%endrep
%endmacro
cc_table:
    CC_TABLE CC_NAMES
%macro CC_NAME_STR 0-*
%rep %0
    db %str(%1), 0
%rotate 1
%endrep
%endmacro
cc_names:
    CC_NAME_STR CC_NAMES

section .text
; EAX = combination (bits CF PF ZF SF OF) → [fl_in]
combo_flags:
    push ebx
    push ecx
    mov ecx, eax
    mov ebx, 2
    test cl, 1
    jz .1
    or ebx, FL_CF
.1: test cl, 2
    jz .2
    or ebx, FL_PF
.2: test cl, 4
    jz .3
    or ebx, FL_ZF
.3: test cl, 8
    jz .4
    or ebx, FL_SF
.4: test cl, 16
    jz .5
    or ebx, FL_OF
.5: mov eax, ecx                            ; AF = CF xor OF
    shr eax, 4
    xor eax, ecx
    test al, 1
    jz .6
    or ebx, FL_AF
.6: mov [fl_in], ebx
    pop ecx
    pop ebx
    ret

truth_tables:
    call hash_reset
    xor esi, esi                            ; condition code
    mov edi, cc_names
.cc:
    PRINT "cc "
    HEX8 esi
    call putsp
    push esi
    mov esi, edi
    call puts
    pop esi
.skipname:
    cmp byte [edi], 0
    je .named
    inc edi
    jmp .skipname
.named:
    inc edi
    PRINT ":"
    xor ebp, ebp                            ; form
.form:
    mov dword [cc_mask], 0
    mov dword [combo], 31
.combo:
    mov eax, [combo]
    call combo_flags
    imul eax, esi, NFORMS
    add eax, ebp
    push esi
    push edi
    push ebp
    call [cc_table + eax * 4]
    pop ebp
    pop edi
    pop esi
    call hash_u32
    and eax, 1
    shl dword [cc_mask], 1
    or [cc_mask], eax
    dec dword [combo]
    jns .combo
    call putsp
    HEX32 [cc_mask]
    inc ebp
    cmp ebp, NFORMS
    jb .form
    call putnl
    inc esi
    cmp esi, 16
    jb .cc
    PRINT "cc hash="
    HEX32 [hash_value]
    call putnl
    ret

; ---- LOOP family ------------------------------------------------------------------------------
; prints "name ecx=IN zf=Z -> ecx=OUT taken=T fl=OK"
%macro LOOP_CASE 4                          ; instruction, ECX in, ZF in (0/1), label text
    mov ecx, %2
    push dword 0x8D7 & ~(FL_ZF) | (%3 * FL_ZF)
    popfd
    mov eax, 0
    %1 %%taken
    jmp %%done
%%taken:
    mov eax, 1
%%done:
    pushfd
    pop ebx
    PRINT %4, " ecx="
    HEX32 %2
    PRINT " zf=", '0' + %3, " -> ecx="
    HEX32 ecx
    PRINT " taken="
    HEX8 eax
    and ebx, 0x8D5
    cmp ebx, 0x8D5 & ~(FL_ZF) | (%3 * FL_ZF)
    je %%flok
    PRINTLN " flags CHANGED"
    inc dword [fail_count]
    jmp %%end
%%flok:
    PRINTLN " flags kept"
%%end:
%endmacro

loops:
    LOOP_CASE loop, 1, 0, "loop"
    LOOP_CASE loop, 2, 0, "loop"
    LOOP_CASE loop, 0, 0, "loop"
    LOOP_CASE loope, 5, 1, "loope"
    LOOP_CASE loope, 5, 0, "loope"
    LOOP_CASE loope, 1, 1, "loope"
    LOOP_CASE loopne, 5, 0, "loopne"
    LOOP_CASE loopne, 5, 1, "loopne"
    LOOP_CASE loopne, 1, 0, "loopne"
    LOOP_CASE jecxz, 0, 0, "jecxz"
    LOOP_CASE jecxz, 0x10000, 0, "jecxz"
    LOOP_CASE jcxz, 0x10000, 0, "jcxz(a16)"
    LOOP_CASE jcxz, 0x10001, 1, "jcxz(a16)"
    LOOP_CASE a16 loop, 0x00010001, 0, "loop(a16)"
    LOOP_CASE a16 loop, 0x00020000, 0, "loop(a16)"
    LOOP_CASE a16 loope, 0xFFFF0003, 1, "loope(a16)"
    ; a real loop: sum 1..100
    xor eax, eax
    mov ecx, 100
.sum:
    add eax, ecx
    loop .sum
    PRINT "loop sum 1..100 = "
    DEC eax
    call putnl
    ret

; ---- calls, returns and jumps --------------------------------------------------------------------
callee_ret8:
    mov eax, [esp + 4]
    add eax, [esp + 8]
    ret 8                                   ; C2 iw: pops the two arguments

far_callee:
    mov eax, [esp + 4]                      ; pushed CS (low 16 bits are the selector)
    mov edx, [esp + 8]                      ; first argument
    retf 4                                  ; CA iw

far_target:
    mov eax, 0xFA4
    jmp SEL_CODE0:transfers.back_far

transfers:
    mov ebx, esp
    push dword 0x0C
    push dword 0x30
    call callee_ret8
    sub ebx, esp
    PRINT "call/ret 8: eax="
    HEX32 eax
    PRINT " esp delta="
    HEX32 ebx
    call putnl
    ; far call to the same privilege level, RETF imm16
    mov ebx, esp
    push dword 0x5151
    call SEL_CODE0:far_callee
    sub ebx, esp
    PRINT "call far/retf 4: cs="
    HEX16 eax
    PRINT " arg="
    HEX32 edx
    PRINT " esp delta="
    HEX32 ebx
    call putnl
    ; indirect forms
    mov eax, .t1
    jmp eax
    PRINTLN "jmp eax: NOT TAKEN"
.t1:
    mov dword [scratch], .t2
    jmp [scratch]
    PRINTLN "jmp [m32]: NOT TAKEN"
.t2:
    mov ecx, 0x0D
    mov edx, callee_ret8
    push dword 1
    push dword 2
    call edx
    mov ecx, eax
    mov dword [scratch], callee_ret8
    push dword 0x100
    push dword 0x200
    call [scratch]
    PRINT "call reg/mem: "
    HEX32 ecx
    call putsp
    HEX32 eax
    call putnl
    ; far jump through a m16:32 pointer, and back with a direct far jump
    mov dword [scratch], far_target
    mov word [scratch + 4], SEL_CODE0
    jmp far [scratch]
.back_far:
    PRINT "jmp far [m16:32] and back: eax="
    HEX32 eax
    call putnl
    ; call far through memory
    mov dword [scratch], far_callee
    mov word [scratch + 4], SEL_CODE0
    push dword 0x6262
    call far [scratch]
    PRINT "call far [m16:32]: cs="
    HEX16 eax
    PRINT " arg="
    HEX32 edx
    call putnl
    ret

test_main:
    PRINTLN "cond: SETcc CMOVcc Jcc LOOPcc JCXZ CALL RET JMP"
    PRINTLN "forms: SET SETM CMOV CMOV16 CMOVM JS JN"
    call truth_tables
    call loops
    call transfers
    ret
