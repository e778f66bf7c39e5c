; movx — data movement: CBW CWDE CWD CDQ, MOVZX MOVSX, XCHG, LEA with every 32-bit addressing
; form (ModRM mod 00/01/10, SIB with and without base/index, scales, EBP/ESP bases, the
; "no index" SIB encodings), MOV moffs forms, XLAT, LAHF/SAHF, CLC STC CMC, MOV r32←Sreg,
; LDS/LES/LFS/LGS/LSS, and the stack: PUSH imm8/imm32/mem/ESP, POP ESP, POP m with an
; ESP base, 16-bit PUSH/POP, PUSHAD/POPAD, ENTER (levels 0, 1, 3)/LEAVE.
; No flags are affected by these except SAHF/CLC/STC/CMC (checked exactly).

%include "rt.inc"
%include "sweep.inc"
%include "lists.inc"

section .bss
scratch: resd 8
stackbuf: resd 64

section .data
xlat_table:
%assign i 0
%rep 256
    db (i * 13 + 7) & 0xFF
%assign i i+1
%endrep
moffs_var: dd 0x89ABCDEF

section .text
s_cbw:      FL_IN
            cbw
            FL_OUT
            ret
s_cwde:     FL_IN
            cwde
            FL_OUT
            ret
s_cwd:      FL_IN
            cwd
            FL_OUT
            ret
s_cdq:      FL_IN
            cdq
            FL_OUT
            ret
s_movzx_32_8:  FL_IN
            movzx eax, bl
            FL_OUT
            ret
s_movzx_32_16: FL_IN
            movzx eax, bx
            FL_OUT
            ret
s_movzx_16_8:  FL_IN
            movzx ax, bl
            FL_OUT
            ret
s_movsx_32_8:  FL_IN
            movsx eax, bl
            FL_OUT
            ret
s_movsx_32_16: FL_IN
            movsx eax, bx
            FL_OUT
            ret
s_movsx_16_8:  FL_IN
            movsx ax, bl
            FL_OUT
            ret
s_movsx_m8: mov [scratch], ebx
            FL_IN
            movsx eax, byte [scratch]
            FL_OUT
            ret
s_movzx_m16: mov [scratch], ebx
            FL_IN
            movzx eax, word [scratch]
            FL_OUT
            ret
s_xchg_32:  FL_IN
            xchg eax, ebx                   ; 93
            FL_OUT
            ret
s_xchg_16:  FL_IN
            xchg ax, bx                     ; 66 93
            FL_OUT
            ret
s_xchg_8:   FL_IN
            xchg al, bl                     ; 86 /r
            FL_OUT
            ret
s_xchg_rr:  FL_IN
            xchg ebx, ecx                   ; 87 /r
            FL_OUT
            ret
s_xchg_m:   mov [scratch], eax
            FL_IN
            xchg [scratch], ebx             ; implicitly locked
            FL_OUT
            mov eax, [scratch]
            ret

; LEA: EAX = A, EBX = B, ESI = A xor B, EDI = 3, EBP = B + 1; result in EDX
%macro LEA_STUB 2+
s_lea_%1:   push ebp
            mov esi, eax
            xor esi, ebx
            mov edi, 3
            lea ebp, [ebx + 1]
            FL_IN
            %2
            FL_OUT
            pop ebp
            ret
%endmacro
LEA_STUB 1,  lea edx, [eax]
LEA_STUB 2,  lea edx, [ebx + 0x7F]
LEA_STUB 3,  lea edx, [ebx - 0x80]
LEA_STUB 4,  lea edx, [eax + 0x12345678]
LEA_STUB 5,  lea edx, [eax + ebx]
LEA_STUB 6,  lea edx, [eax + ebx * 2]
LEA_STUB 7,  lea edx, [eax + ebx * 4 + 8]
LEA_STUB 8,  lea edx, [eax + ebx * 8 - 4]
LEA_STUB 9,  lea edx, [ebx * 4 + 0x1000]    ; SIB, no base: disp32
LEA_STUB 10, lea edx, [0x12345678]          ; mod 00 r/m 101: disp32 only
LEA_STUB 11, lea edx, [ebp]                 ; EBP base needs mod 01 disp8 0
LEA_STUB 12, lea edx, [ebp + esi * 4 - 0x70000000]
LEA_STUB 13, lea edx, [ebx + ebx * 8]
LEA_STUB 14, lea dx, [eax + ebx + 0x1234]   ; 16-bit operand size: truncated
LEA_STUB 15, db 0x8D, 0x14, 0x20            ; lea edx, [eax + eiz*1]: SIB index 100 = none
LEA_STUB 16, db 0x8D, 0x54, 0xA0, 0x05      ; lea edx, [eax + eiz*4 + 5]
LEA_STUB 17, db 0x8D, 0x14, 0x5D, 0x78, 0x56, 0x34, 0x12 ; lea edx, [ebx*2 + 0x12345678]
LEA_STUB 18, lea edx, [esi + edi * 8 + 0x7FFFFFFF]
LEA_STUB 19, lea edx, [edi + esi]
LEA_STUB 20, db 0x8D, 0x94, 0x18, 0x00, 0x00, 0x00, 0x80 ; lea edx, [eax + ebx + 0x80000000] mod 10

SWEEP_BEGIN t_mov
SWEEP "cbw",  s_cbw,  L8A,  ONE0, FL2, 0x8D5, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "cwde", s_cwde, L16A, ONE0, FL2, 0x8D5, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "cwd",  s_cwd,  L16A, ONE0, FL2, 0x8D5, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "cdq",  s_cdq,  L32,  ONE0, FL2, 0x8D5, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "movzx r32,r8",  s_movzx_32_8,  ONE0, L8B,  FL2, 0x8D5, O_A, 0, 0
SWEEP "movzx r32,r16", s_movzx_32_16, ONE0, L16B, FL2, 0x8D5, O_A, 0, 0
SWEEP "movzx r16,r8",  s_movzx_16_8,  L32,  L8B,  FL2, 0x8D5, O_A, 0, 0
SWEEP "movsx r32,r8",  s_movsx_32_8,  ONE0, L8B,  FL2, 0x8D5, O_A, 0, 0
SWEEP "movsx r32,r16", s_movsx_32_16, ONE0, L16B, FL2, 0x8D5, O_A, 0, 0
SWEEP "movsx r16,r8",  s_movsx_16_8,  L32,  L8B,  FL2, 0x8D5, O_A, 0, 0
SWEEP "movsx r32,m8",  s_movsx_m8,    ONE0, L8B,  FL2, 0x8D5, O_A, 0, 0
SWEEP "movzx r32,m16", s_movzx_m16,   ONE0, L16B, FL2, 0x8D5, O_A, 0, 0
SWEEP "xchg eax,ebx",  s_xchg_32, L32, L8B, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP "xchg ax,bx",    s_xchg_16, L32, L16B, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP "xchg al,bl",    s_xchg_8,  L32, L8B, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP "xchg ebx,ecx",  s_xchg_rr, ONE0, L32, FL2, 0x8D5, O_B | O_C, 0xC0C0C0C0, 0
SWEEP "xchg m,ebx",    s_xchg_m,  L32, L16B, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP_END

SWEEP_BEGIN t_lea
%assign k 1
%rep 20
SWEEP {"lea form ", %str(k)}, s_lea_ %+ k, L32, L32, FL2, 0x8D5, O_D, 0x0C0C0C0C, 0
%assign k k+1
%endrep
SWEEP_END

; ---- explicit checks --------------------------------------------------------------------------
misc:
    ; MOV moffs (A0-A3)
    mov eax, 0x11111111
    mov eax, [moffs_var]                    ; A1
    mov [scratch], eax                      ; (89 — ModRM)
    mov al, 0x5A
    mov [moffs_var], al                     ; A2
    mov ax, [moffs_var]                     ; 66 A1
    PRINT "moffs: "
    HEX32 [scratch]
    call putsp
    HEX32 eax
    call putnl
    ; XLAT
    mov ebx, xlat_table
    mov eax, 0x123456C8
    xlatb
    PRINT "xlat: "
    HEX32 eax
    call putnl
    ; LAHF / SAHF (SAHF loads SF ZF AF PF CF from AH; bit 1 stays 1, 3 and 5 stay 0)
    push dword 0x8D7
    popfd
    lahf
    mov ebx, eax
    mov ah, 0x2A                            ; bits 1, 3, 5 set, others clear
    push dword 0x0800
    popfd
    sahf
    pushfd
    pop ecx
    mov ah, 0xD5
    sahf
    pushfd
    pop edx
    PRINT "lahf: "
    mov eax, ebx
    shr eax, 8
    call puthex8
    PRINT " sahf 2A: fl="
    HEX16 ecx
    PRINT " sahf D5: fl="
    HEX16 edx
    call putnl
    ; CLC STC CMC (only CF changes)
    push dword 0x8D6
    popfd
    stc
    pushfd
    cmc
    pushfd
    cmc
    clc
    pushfd
    PRINT "stc/cmc/clc: "
    pop eax
    HEX16 eax
    call putsp
    pop eax
    HEX16 eax
    call putsp
    pop eax
    HEX16 eax
    call putnl
    ; MOV r32, Sreg zero-extends on P6-class processors; MOV r16, Sreg keeps the upper half
    mov eax, 0xFFFFFFFF
    mov eax, ds
    mov ebx, 0xFFFFFFFF
    mov bx, cs
    PRINT "mov eax,ds: "
    HEX32 eax
    PRINT " mov bx,cs: "
    HEX32 ebx
    call putnl
    ; far pointer loads
    mov dword [scratch], 0x12345678
    mov word [scratch + 4], SEL_DATA0
    xor eax, eax
    mov fs, ax
    lfs eax, [scratch]
    mov ebx, fs
    PRINT "lfs: fs="
    HEX16 ebx
    PRINT " eax="
    HEX32 eax
    call putnl
    mov word [scratch + 4], SEL_DATA3       ; DPL 3 data: loadable into GS at CPL 0
    lgs ecx, [scratch]
    mov ebx, gs
    PRINT "lgs: gs="
    HEX16 ebx
    call putnl
    mov ax, SEL_DATA0
    mov fs, ax
    mov gs, ax
    mov dword [scratch], esp
    mov word [scratch + 4], SEL_DATA0
    lss esp, [scratch]
    mov dword [scratch], (SEL_DATA0 << 16) | 0x1234
    les bx, [scratch]                       ; 66 C4: m16:16
    PRINT "les bx (16-bit): ebx="
    HEX32 ebx
    call putnl
    mov ax, SEL_DATA0
    mov es, ax
    ret

; stack semantics (on the runtime stack; all values printed relative to ESP before)
stack_ops:
    push ebp
    mov ebp, esp
    ; PUSH ESP pushes the value before the decrement
    push esp
    pop eax
    sub eax, esp
    PRINT "push esp: pushed-esp minus esp = "
    HEX32 eax
    call putnl
    ; PUSH imm8 sign-extends; 66 PUSH imm8 pushes a word
    mov ebx, esp
    push strict byte -2
    pop eax
    push word 0x1234
    mov ecx, ebx
    sub ecx, esp
    pop dx
    PRINT "push -2: "
    HEX32 eax
    PRINT " push word: delta="
    HEX32 ecx
    PRINT " value="
    HEX16 edx
    call putnl
    ; POP m32 with an ESP base: the address is computed after the increment
    push dword 0xAAAAAAAA                   ; [esp+4] after the next push
    push dword 0xBBBBBBBB
    pop dword [esp]                         ; writes BBBBBBBB over AAAAAAAA
    pop eax
    PRINT "pop [esp]: "
    HEX32 eax
    call putnl
    ; PUSH m32 with an ESP base: the address is computed before the decrement
    push dword 0xCCCCCCCC
    push dword [esp]                        ; pushes CCCCCCCC
    pop eax
    pop ebx
    PRINT "push [esp]: "
    HEX32 eax
    call putnl
    ; POP ESP loads ESP from the stack
    mov ebx, esp
    lea eax, [esp - 64]
    push eax
    pop esp
    mov ecx, esp
    mov esp, ebx
    sub ecx, ebx
    PRINT "pop esp: esp delta="
    HEX32 ecx
    call putnl
    ; PUSHAD stores the original ESP; POPAD skips it
    mov eax, 0xA0
    mov ecx, 0xC0
    mov edx, 0xD0
    mov ebx, 0xB0
    mov esi, 0x50
    mov edi, 0x70
    mov [scratch], esp
    pushad
    mov eax, [esp + 12]                     ; saved ESP
    sub eax, [scratch]
    mov [scratch + 4], eax
    mov dword [esp + 12], 0x99999999        ; ignored by POPAD
    mov dword [esp + 28], 0xAAAA            ; new EAX
    popad
    mov ecx, esp
    sub ecx, [scratch]
    PRINT "pushad/popad: saved-esp delta="
    HEX32 [scratch + 4]
    PRINT " eax="
    HEX32 eax
    PRINT " esp delta="
    HEX32 ecx
    PRINT " ebx="
    HEX32 ebx
    call putnl
    pop ebp
    ret

; ENTER size, level — frames built on stackbuf so the printed words are relative
enter_ops:
    mov [scratch], esp
    mov [scratch + 4], ebp
    lea esp, [stackbuf + 200]
    mov ebp, 0x11110000                     ; a fake outer frame chain at stackbuf+100..
    lea ebp, [stackbuf + 120]
    mov dword [ebp], 0                      ; (outer EBP values of the display)
    mov dword [ebp - 4], 0xE1
    mov dword [ebp - 8], 0xE2
    mov dword [ebp - 12], 0xE3
    enter 16, 0
    call show_frame
    leave
    call show_frame
    enter 8, 1
    call show_frame
    leave
    enter 4, 3
    call show_frame
    PRINT "  enter 4,3 display: "
    mov ecx, 3
.d: lea eax, [ecx * 4]
    neg eax
    mov eax, [ebp + eax]
    cmp eax, 0x100
    jb .small
    sub eax, stackbuf                       ; frame pointers as offsets into stackbuf
.small:
    HEX32 eax
    call putsp
    dec ecx
    jnz .d
    call putnl
    leave
    call show_frame
    mov ebp, [scratch + 4]
    mov esp, [scratch]
    ret

show_frame:                                 ; ESP+4 / EBP as offsets into stackbuf
    PRINT "  frame: esp="
    lea eax, [esp + 4]
    sub eax, stackbuf
    HEX32 eax
    PRINT " ebp="
    mov eax, ebp
    sub eax, stackbuf
    HEX32 eax
    call putnl
    ret

test_main:
    PRINTLN "movx: CBW CWDE CWD CDQ MOVZX MOVSX XCHG LEA MOV XLAT LAHF SAHF PUSH POP ENTER LEAVE"
    mov dword [show_lines], 4
    mov esi, t_mov
    call run_tests
    mov dword [show_lines], 2
    mov esi, t_lea
    call run_tests
    call misc
    call stack_ops
    PRINTLN "enter/leave:"
    call enter_ops
    ret
