; shift — SHL SHR SAR ROL ROR RCL RCR (D0-D3 by 1 / by CL, C0/C1 by imm8, memory forms) and
; SHLD SHRD (by CL and imm8, register and memory), 8/16/32-bit, counts 0, 1, n, ≥ size, 31,
; and counts ≥ 32 (masked to 5 bits). Flags in = all clear / all set.
; Flag masks (Intel SDM vol. 2 SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD):
;   masked count 0                 : no flag affected            (08D5, all must survive)
;   SHL SHR SAR, count 1           : OF SF ZF PF CF, AF undef.   (08C5)
;   SHL SHR SAR, 1 < count < size  : SF ZF PF CF; OF AF undef.   (00C5)
;   SHL SHR, count ≥ size (8/16)   : SF ZF PF; CF OF AF undef.   (00C4)
;   SAR, count ≥ size (8/16)       : SF ZF PF CF                 (00C5)
;   ROL ROR RCL RCR, count 1       : OF CF; SF ZF AF PF unchanged (08D5)
;   ROL ROR RCL RCR, count > 1     : CF; OF undefined             (00D5)
;   SHLD SHRD: as SHL/SHR for counts < size (16-bit counts ≥ 16 are undefined: not tested)

%include "rt.inc"
%include "sweep.inc"
%include "lists.inc"

section .bss
scratch: resd 4

; counts (in CL): masked-to-zero, one, and the rest by operand size
LIST CNT0,  0, 32, 0x40, 0xE0
LIST CNT1,  1, 0x21, 0x41
LIST CNTN8, 2, 3, 4, 7
LIST CNTB8, 8, 9, 15, 16, 17, 24, 31, 0x3F
LIST CNTN16, 2, 3, 7, 8, 9, 15
LIST CNTB16, 16, 17, 24, 31, 0x30, 0x3F
LIST CNTN32, 2, 3, 7, 8, 15, 16, 17, 24, 30, 31, 0x3F, 0xFF
LIST CNTR,  2, 3, 7, 8, 9, 15, 16, 17, 18, 31, 0x3F, 0x69

section .text

%macro SH_STUBS 1
s_%1_8:     mov ecx, ebx
            FL_IN
            %1 al, cl
            FL_OUT
            ret
s_%1_16:    mov ecx, ebx
            FL_IN
            %1 ax, cl
            FL_OUT
            ret
s_%1_32:    mov ecx, ebx
            FL_IN
            %1 eax, cl
            FL_OUT
            ret
s_%1_m32:   mov ecx, ebx                    ; D3 /n with a memory operand
            mov [scratch], eax
            FL_IN
            %1 dword [scratch], cl
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_m8_1:  mov [scratch], eax              ; D0 /n, memory, by 1
            FL_IN
            %1 byte [scratch], 1
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_32_1:  FL_IN                           ; D1 /n, by 1
            %1 eax, 1
            FL_OUT
            ret
s_%1_16_1:  FL_IN
            %1 ax, 1
            FL_OUT
            ret
s_%1_32_i5: FL_IN                           ; C1 /n ib
            %1 eax, 5
            FL_OUT
            ret
s_%1_16_i12: FL_IN
            %1 ax, 12
            FL_OUT
            ret
s_%1_8_i3:  FL_IN                           ; C0 /n ib
            %1 al, 3
            FL_OUT
            ret
s_%1_32_i0: FL_IN                           ; C1 /n 00: count 0
            %1 eax, 0
            FL_OUT
            ret
%endmacro

; C1 /n 01 and C1 /n 21 (count 1 through the imm8 form; 0x21 masks to 1)
%macro SH_RAW 2
s_%1_c1_1:  FL_IN
            db 0xC1, 0xC0 | (%2 << 3), 0x01
            FL_OUT
            ret
s_%1_c1_33: FL_IN
            db 0xC1, 0xC0 | (%2 << 3), 0x21
            FL_OUT
            ret
%endmacro

SH_STUBS rol
SH_STUBS ror
SH_STUBS rcl
SH_STUBS rcr
SH_STUBS shl
SH_STUBS shr
SH_STUBS sar
SH_RAW rol, 0
SH_RAW ror, 1
SH_RAW rcl, 2
SH_RAW rcr, 3
SH_RAW shl, 4
SH_RAW shr, 5
SH_RAW sar, 7

%macro DSH_STUBS 1
s_%1_32:    FL_IN                           ; 0F A5/AD: by CL (ECX from the descriptor)
            %1 eax, ebx, cl
            FL_OUT
            ret
s_%1_16:    FL_IN
            %1 ax, bx, cl
            FL_OUT
            ret
s_%1_m32:   mov [scratch], eax
            FL_IN
            %1 [scratch], ebx, cl
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_32_i7: FL_IN                           ; 0F A4/AC ib
            %1 eax, ebx, 7
            FL_OUT
            ret
s_%1_16_i1: FL_IN
            %1 ax, bx, 1
            FL_OUT
            ret
s_%1_m16_i9: mov [scratch], eax
            FL_IN
            %1 [scratch], bx, 9
            FL_OUT
            mov eax, [scratch]
            ret
%endmacro
DSH_STUBS shld
DSH_STUBS shrd

%define M0    0x8D5
%define M1    0x8C5
%define MN    0x0C5
%define MBIG  0x0C4
%define MR1   0x8D5
%define MRN   0x0D5

SWEEP_BEGIN t_cl
%macro SHIFT_SWEEPS 2                       ; op, mask for counts ≥ size at 8/16 bits
SWEEP {%str(%1), "8 cl=0"},  s_%1_8,  L8A,  CNT0,   FL2, M0, O_A, 0, 0
SWEEP {%str(%1), "8 cl=1"},  s_%1_8,  L8A,  CNT1,   FL2, M1, O_A, 0, 0
SWEEP {%str(%1), "8 cl=n"},  s_%1_8,  L8A,  CNTN8,  FL2, MN, O_A, 0, 0
SWEEP {%str(%1), "8 cl>=8"}, s_%1_8,  L8A,  CNTB8,  FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "16 cl=0"}, s_%1_16, L16A, CNT0,   FL2, M0, O_A, 0, 0
SWEEP {%str(%1), "16 cl=1"}, s_%1_16, L16A, CNT1,   FL2, M1, O_A, 0, 0
SWEEP {%str(%1), "16 cl=n"}, s_%1_16, L16A, CNTN16, FL2, MN, O_A, 0, 0
SWEEP {%str(%1), "16 cl>=16"}, s_%1_16, L16A, CNTB16, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 cl=0"}, s_%1_32, L32,  CNT0,   FL2, M0, O_A, 0, 0
SWEEP {%str(%1), "32 cl=1"}, s_%1_32, L32,  CNT1,   FL2, M1, O_A, 0, 0
SWEEP {%str(%1), "32 cl=n"}, s_%1_32, L32,  CNTN32, FL2, MN, O_A, 0, 0
SWEEP {%str(%1), "32 m,cl"}, s_%1_m32, L32, CNTN32, FL2, MN, O_A, 0, 0
%endmacro
SHIFT_SWEEPS shl, MBIG
SHIFT_SWEEPS shr, MBIG
SHIFT_SWEEPS sar, MN
%macro ROT_SWEEPS 1
SWEEP {%str(%1), "8 cl=0"},  s_%1_8,  L8A,  CNT0, FL2, M0,  O_A, 0, 0
SWEEP {%str(%1), "8 cl=1"},  s_%1_8,  L8A,  CNT1, FL2, MR1, O_A, 0, 0
SWEEP {%str(%1), "8 cl=n"},  s_%1_8,  L8A,  CNTR, FL2, MRN, O_A, 0, 0
SWEEP {%str(%1), "16 cl=0"}, s_%1_16, L16A, CNT0, FL2, M0,  O_A, 0, 0
SWEEP {%str(%1), "16 cl=1"}, s_%1_16, L16A, CNT1, FL2, MR1, O_A, 0, 0
SWEEP {%str(%1), "16 cl=n"}, s_%1_16, L16A, CNTR, FL2, MRN, O_A, 0, 0
SWEEP {%str(%1), "32 cl=0"}, s_%1_32, L32,  CNT0, FL2, M0,  O_A, 0, 0
SWEEP {%str(%1), "32 cl=1"}, s_%1_32, L32,  CNT1, FL2, MR1, O_A, 0, 0
SWEEP {%str(%1), "32 cl=n"}, s_%1_32, L32,  CNTR, FL2, MRN, O_A, 0, 0
SWEEP {%str(%1), "32 m,cl"}, s_%1_m32, L32, CNTR, FL2, MRN, O_A, 0, 0
%endmacro
ROT_SWEEPS rol
ROT_SWEEPS ror
ROT_SWEEPS rcl
ROT_SWEEPS rcr
SWEEP_END

SWEEP_BEGIN t_imm
%macro IMM_SWEEPS 3                         ; op, mask for count 1, mask for count n
SWEEP {%str(%1), "8 m,1"},    s_%1_m8_1,  L8A,  ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 1"},     s_%1_32_1,  L32,  ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "16 1"},     s_%1_16_1,  L16A, ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 i5"},    s_%1_32_i5, L32,  ONE0, FL2, %3, O_A, 0, 0
SWEEP {%str(%1), "16 i12"},   s_%1_16_i12, L16A, ONE0, FL2, %3, O_A, 0, 0
SWEEP {%str(%1), "8 i3"},     s_%1_8_i3,  L8A,  ONE0, FL2, %3, O_A, 0, 0
SWEEP {%str(%1), "32 i0"},    s_%1_32_i0, L32,  ONE0, FL2, M0, O_A, 0, 0
SWEEP {%str(%1), "32 C1 i1"}, s_%1_c1_1,  L32,  ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 C1 i33"}, s_%1_c1_33, L32, ONE0, FL2, %2, O_A, 0, 0
%endmacro
IMM_SWEEPS shl, M1, MN
IMM_SWEEPS shr, M1, MN
IMM_SWEEPS sar, M1, MN
IMM_SWEEPS rol, MR1, MRN
IMM_SWEEPS ror, MR1, MRN
IMM_SWEEPS rcl, MR1, MRN
IMM_SWEEPS rcr, MR1, MRN
SWEEP_END

SWEEP_BEGIN t_double
%macro DSH_SWEEPS 1
SWEEP {%str(%1), "32 cl=0"},  s_%1_32, L32, L32, FL2, M0, O_A, 0, 0
SWEEP {%str(%1), "32 cl=1"},  s_%1_32, L32, L32, FL2, M1, O_A, 1, 0
SWEEP {%str(%1), "32 cl=4"},  s_%1_32, L32, L32, FL2, MN, O_A, 4, 0
SWEEP {%str(%1), "32 cl=16"}, s_%1_32, L32, L32, FL2, MN, O_A, 16, 0
SWEEP {%str(%1), "32 cl=31"}, s_%1_32, L32, L32, FL2, MN, O_A, 31, 0
SWEEP {%str(%1), "32 cl=32"}, s_%1_32, L32, L32, FL2, M0, O_A, 32, 0
SWEEP {%str(%1), "32 cl=33"}, s_%1_32, L32, L32, FL2, M1, O_A, 33, 0
SWEEP {%str(%1), "32 cl=0x5F"}, s_%1_32, L32, L32, FL2, MN, O_A, 0x5F, 0
SWEEP {%str(%1), "16 cl=0"},  s_%1_16, L16A, L16B, FL2, M0, O_A, 0, 0
SWEEP {%str(%1), "16 cl=1"},  s_%1_16, L16A, L16B, FL2, M1, O_A, 1, 0
SWEEP {%str(%1), "16 cl=4"},  s_%1_16, L16A, L16B, FL2, MN, O_A, 4, 0
SWEEP {%str(%1), "16 cl=8"},  s_%1_16, L16A, L16B, FL2, MN, O_A, 8, 0
SWEEP {%str(%1), "16 cl=15"}, s_%1_16, L16A, L16B, FL2, MN, O_A, 15, 0
SWEEP {%str(%1), "16 cl=32"}, s_%1_16, L16A, L16B, FL2, M0, O_A, 32, 0
SWEEP {%str(%1), "32 m,cl=12"}, s_%1_m32, L32, L32, FL2, MN, O_A, 12, 0
SWEEP {%str(%1), "32 i7"},    s_%1_32_i7, L32, L32, FL2, MN, O_A, 0, 0
SWEEP {%str(%1), "16 i1"},    s_%1_16_i1, L16A, L16B, FL2, M1, O_A, 0, 0
SWEEP {%str(%1), "16 m,i9"},  s_%1_m16_i9, L16A, L16B, FL2, MN, O_A, 0, 0
%endmacro
DSH_SWEEPS shld
DSH_SWEEPS shrd
SWEEP_END

test_main:
    PRINTLN "shift: SHL SHR SAR ROL ROR RCL RCR SHLD SHRD"
    mov dword [show_lines], 4
    mov esi, t_cl
    call run_tests
    mov dword [show_lines], 2
    mov esi, t_imm
    call run_tests
    mov dword [show_lines], 3
    mov esi, t_double
    call run_tests
    ret
