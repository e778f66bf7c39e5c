; muldiv — MUL and IMUL (one-operand 8/16/32, two-operand 0F AF 16/32, three-operand 6B/69
; with imm8/imm16/imm32, register and memory), DIV and IDIV (8/16/32, register and memory),
; including #DE for a zero divisor and for quotient overflow (e.g. 80000000:00000000 / -1).
; Flag masks: MUL IMUL: OF CF defined, SF ZF AF PF undefined (0801).
;             DIV IDIV: all six status flags undefined (0000).
; A #DE leaves the operands unchanged (fault); the sweep then records vector 00.

%include "rt.inc"
%include "sweep.inc"
%include "lists.inc"

section .bss
scratch: resd 4

; dividends with a useful upper half, and divisors
LIST DIVS8,  0x5A5A5A00, 0x5A5A5A01, 0x5A5A5A02, 0x5A5A5A07, 0x5A5A5A7F, 0x5A5A5A80, 0x5A5A5A81, \
             0x5A5A5AFE, 0x5A5A5AFF, 0x5A5A5A10
LIST DIVS16, 0x5A5A0000, 0x5A5A0001, 0x5A5A0002, 0x5A5A0007, 0x5A5A7FFF, 0x5A5A8000, 0x5A5A8001, \
             0x5A5AFFFE, 0x5A5AFFFF, 0x5A5A0100
LIST DIVS32, 0x00000000, 0x00000001, 0x00000002, 0x00000007, 0x7FFFFFFF, 0x80000000, 0x80000001, \
             0xFFFFFFFE, 0xFFFFFFFF, 0x00010000
; 16-bit AX dividends for 8-bit division
LIST DVD16,  0xA5A50000, 0xA5A50001, 0xA5A50064, 0xA5A500FF, 0xA5A50100, 0xA5A57FFF, 0xA5A58000, \
             0xA5A5FF80, 0xA5A5FF7F, 0xA5A5FFFF, 0xA5A57F00, 0xA5A51234

section .text

%macro MUL1 1                               ; MUL / IMUL one-operand
s_%1_8:     FL_IN
            %1 bl
            FL_OUT
            ret
s_%1_16:    FL_IN
            %1 bx
            FL_OUT
            ret
s_%1_32:    FL_IN
            %1 ebx
            FL_OUT
            ret
s_%1_m32:   mov [scratch], ebx
            FL_IN
            %1 dword [scratch]
            FL_OUT
            ret
s_%1_m8:    mov [scratch], ebx
            FL_IN
            %1 byte [scratch]
            FL_OUT
            ret
%endmacro
MUL1 mul
MUL1 imul

s_imul2_32: FL_IN
            imul eax, ebx
            FL_OUT
            ret
s_imul2_16: FL_IN
            imul ax, bx
            FL_OUT
            ret
s_imul2_m32: mov [scratch], ebx
            FL_IN
            imul eax, [scratch]
            FL_OUT
            ret
s_imul3_i8: FL_IN
            imul eax, ebx, strict byte -3   ; 6B /r ib
            FL_OUT
            ret
s_imul3_i32: FL_IN
            imul eax, ebx, strict dword 0x10001 ; 69 /r id
            FL_OUT
            ret
s_imul3_i16: FL_IN
            imul ax, bx, strict word 0x8001 ; 66 69 /r iw
            FL_OUT
            ret
s_imul3_i8_16: FL_IN
            imul ax, bx, strict byte 0x7F   ; 66 6B /r ib
            FL_OUT
            ret
s_imul3_m32: mov [scratch], ebx
            FL_IN
            imul eax, [scratch], strict byte 100
            FL_OUT
            ret

; DIV / IDIV: EDX (and the upper half of AX for 8 bits) come from the descriptor/list.
%macro DIV1 1
s_%1_8:     mov dword [rec_eip], .de
            FL_IN
            %1 bl
            FL_OUT
.de:        ret
s_%1_16:    mov dword [rec_eip], .de
            FL_IN
            %1 bx
            FL_OUT
.de:        ret
s_%1_32:    mov dword [rec_eip], .de
            FL_IN
            %1 ebx
            FL_OUT
.de:        ret
s_%1_m32:   mov dword [rec_eip], .de
            mov [scratch], ebx
            FL_IN
            %1 dword [scratch]
            FL_OUT
.de:        ret
s_%1_m8:    mov dword [rec_eip], .de
            mov [scratch], ebx
            FL_IN
            %1 byte [scratch]
            FL_OUT
.de:        ret
%endmacro
DIV1 div
DIV1 idiv

%define MMUL 0x801
%define MDIV 0x000

SWEEP_BEGIN t_mul
SWEEP "mul8",    s_mul_8,   L8A,  L8B,  FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "mul16",   s_mul_16,  L16A, L16B, FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "mul32",   s_mul_32,  L32,  L32,  FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "imul8",   s_imul_8,  L8A,  L8B,  FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "imul16",  s_imul_16, L16A, L16B, FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "imul32",  s_imul_32, L32,  L32,  FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "imul32 r,r",    s_imul2_32, L32,  L32,  FL2, MMUL, O_A, 0, 0xD0D0D0D0
SWEEP "imul16 r,r",    s_imul2_16, L16A, L16B, FL2, MMUL, O_A, 0, 0xD0D0D0D0
SWEEP_END

SWEEP_BEGIN t_mul_other
SWEEP "mul32 m",       s_mul_m32,  L32, L32, FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "mul8 m",        s_mul_m8,   L8A, L8B, FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "imul32 m",      s_imul_m32, L32, L32, FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "imul8 m",       s_imul_m8,  L8A, L8B, FL2, MMUL, O_A | O_D, 0, 0xD0D0D0D0
SWEEP "imul32 r,m",    s_imul2_m32, L32, L32, FL2, MMUL, O_A, 0, 0
SWEEP "imul32 r,r,-3", s_imul3_i8,  ONE0, L32, FL2, MMUL, O_A, 0, 0
SWEEP "imul32 r,r,10001", s_imul3_i32, ONE0, L32, FL2, MMUL, O_A, 0, 0
SWEEP "imul16 r,r,8001", s_imul3_i16, L16A, L16B, FL2, MMUL, O_A, 0, 0
SWEEP "imul16 r,r,7F", s_imul3_i8_16, L16A, L16B, FL2, MMUL, O_A, 0, 0
SWEEP "imul32 r,m,100", s_imul3_m32, ONE0, L32, FL2, MMUL, O_A, 0, 0
SWEEP_END

SWEEP_BEGIN t_div
SWEEP "div8",             s_div_8,   DVD16, L8B,   FL2, MDIV, O_A, 0, 0xD0D0D0D0
SWEEP "div16 dx=0",       s_div_16,  L16A, DIVS16, FL2, MDIV, O_A | O_D, 0, 0xD0D00000
SWEEP "div16 dx=7",       s_div_16,  L16A, DIVS16, FL2, MDIV, O_A | O_D, 0, 0xD0D00007
SWEEP "div32 edx=0",      s_div_32,  L32,  DIVS32, FL2, MDIV, O_A | O_D, 0, 0
SWEEP "div32 edx=1",      s_div_32,  L32,  DIVS32, FL2, MDIV, O_A | O_D, 0, 1
SWEEP "div32 edx=7FFFFFFF", s_div_32, L32, DIVS32, FL2, MDIV, O_A | O_D, 0, 0x7FFFFFFF
SWEEP "idiv8",            s_idiv_8,  DVD16, L8B,   FL2, MDIV, O_A, 0, 0xD0D0D0D0
SWEEP "idiv16 dx=0",      s_idiv_16, L16A, DIVS16, FL2, MDIV, O_A | O_D, 0, 0xD0D00000
SWEEP "idiv16 dx=FFFF",   s_idiv_16, L16A, DIVS16, FL2, MDIV, O_A | O_D, 0, 0xD0D0FFFF
SWEEP "idiv32 edx=0",     s_idiv_32, L32,  DIVS32, FL2, MDIV, O_A | O_D, 0, 0
SWEEP "idiv32 edx=FFFFFFFF", s_idiv_32, L32, DIVS32, FL2, MDIV, O_A | O_D, 0, 0xFFFFFFFF
SWEEP "idiv32 edx=3",     s_idiv_32, L32,  DIVS32, FL2, MDIV, O_A | O_D, 0, 3
SWEEP "div32 m edx=0",    s_div_m32, L32,  DIVS32, FL2, MDIV, O_A | O_D, 0, 0
SWEEP "idiv32 m edx=FFFFFFFF", s_idiv_m32, L32, DIVS32, FL2, MDIV, O_A | O_D, 0, 0xFFFFFFFF
SWEEP "div8 m",           s_div_m8,  DVD16, L8B,   FL2, MDIV, O_A, 0, 0
SWEEP "idiv8 m",          s_idiv_m8, DVD16, L8B,   FL2, MDIV, O_A, 0, 0
SWEEP_END

test_main:
    PRINTLN "muldiv: MUL IMUL DIV IDIV"
    mov dword [show_lines], 8
    mov esi, t_mul
    call run_tests
    mov dword [show_lines], 3
    mov esi, t_mul_other
    call run_tests
    mov dword [show_lines], 8
    mov esi, t_div
    call run_tests
    ; a few explicit divide errors through the printing handler
    PRINTLN "div ecx=0:"
    mov eax, 1234
    xor edx, edx
    xor ecx, ecx
    TRY .r1
.f1: div ecx
    NOFAULT
.r1: EXPECT 0, -1
    EXPECT_EIP .f1
    CHECK eax, 1234, "eax after #DE"
    PRINTLN "idiv 80000000:00000000 / -1 (edx:eax = FFFFFFFF80000000):"
    mov eax, 0x80000000
    mov edx, 0xFFFFFFFF
    mov ecx, -1
    TRY .r2
.f2: idiv ecx
    NOFAULT
.r2: EXPECT 0, -1
    EXPECT_EIP .f2
    PRINTLN "idiv8 AX=8000 / -1:"
    mov eax, 0x8000
    mov cl, -1
    TRY .r3
.f3: idiv cl
    NOFAULT
.r3: EXPECT 0, -1
    PRINTLN "div16 DX:AX=0001:0000 / 1:"
    mov eax, 0
    mov edx, 1
    mov ecx, 1
    TRY .r4
.f4: div cx
    NOFAULT
.r4: EXPECT 0, -1
    ret
