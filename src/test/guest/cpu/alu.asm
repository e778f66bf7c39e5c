; alu — ADD ADC SUB SBB CMP AND OR XOR TEST INC DEC NEG NOT: 8/16/32-bit, register,
; memory and immediate forms (short AL/EAX forms, 80/81/83 group forms, LOCK), edge operands,
; flags in = all clear / all set (carry-in for ADC/SBB; untouched flags must survive).
; Flag masks (Intel SDM vol. 2 "Flags Affected"):
;   ADD ADC SUB SBB CMP NEG : OF SF ZF AF PF CF          (08D5)
;   AND OR XOR TEST         : OF SF ZF PF CF, AF undefined (08C5; OF = CF = 0)
;   INC DEC                 : OF SF ZF AF PF, CF unchanged (08D5 — CF must survive)
;   NOT                     : none affected              (08D5 — all must survive)

%include "rt.inc"
%include "sweep.inc"
%include "lists.inc"

section .bss
scratch: resd 4

section .text

; register and memory forms of a two-operand instruction
%macro BIN_RM 1
s_%1_8:     FL_IN
            %1 al, bl
            FL_OUT
            ret
s_%1_16:    FL_IN
            %1 ax, bx
            FL_OUT
            ret
s_%1_32:    FL_IN
            %1 eax, ebx
            FL_OUT
            ret
s_%1_m8:    mov [scratch], eax              ; r/m8, r8 with memory destination
            FL_IN
            %1 [scratch], bl
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_m16:   mov [scratch], eax
            FL_IN
            %1 [scratch], bx
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_m32:   mov [scratch], eax
            FL_IN
            %1 [scratch], ebx
            FL_OUT
            mov eax, [scratch]
            ret
%endmacro

; r, r/m forms with a memory source (not for TEST, whose 84/85 encoding is r/m, r only)
%macro BIN_RMSRC 1
s_%1_r8m:   mov [scratch], ebx
            FL_IN
            %1 al, [scratch]
            FL_OUT
            ret
s_%1_r32m:  mov [scratch], ebx
            FL_IN
            %1 eax, [scratch]
            FL_OUT
            ret
%endmacro

; immediate forms: short AL/AX/EAX forms and the 80/81/83 group forms
%macro BIN_IMM 1
s_%1_al:    FL_IN
            %1 al, 0x80
            FL_OUT
            ret
s_%1_ax:    FL_IN
            %1 ax, strict word 0x7FFF
            FL_OUT
            ret
s_%1_eax:   FL_IN
            %1 eax, strict dword 0x80000001
            FL_OUT
            ret
s_%1_bl:    FL_IN
            %1 bl, 0x7F                     ; 80 /n ib
            FL_OUT
            ret
s_%1_bx:    FL_IN
            %1 bx, strict word 0x8000       ; 66 81 /n iw
            FL_OUT
            ret
s_%1_ebx:   FL_IN
            %1 ebx, strict dword 0x7FFFFFFF ; 81 /n id
            FL_OUT
            ret
%endmacro

; sign-extended imm8 forms (83 /n ib) — TEST has none
%macro BIN_IMMSX 1
s_%1_ebxs:  FL_IN
            %1 ebx, strict byte -1          ; 83 /n ib, sign-extended
            FL_OUT
            ret
s_%1_bxs:   FL_IN
            %1 bx, strict byte -0x80        ; 66 83 /n ib
            FL_OUT
            ret
s_%1_mi:    mov [scratch], ebx
            FL_IN
            %1 dword [scratch], strict byte 1
            FL_OUT
            mov ebx, [scratch]
            ret
%endmacro

%macro BIN_LOCK 1
s_%1_lock:  mov [scratch], eax
            FL_IN
            lock %1 [scratch], ebx
            FL_OUT
            mov eax, [scratch]
            ret
%endmacro

%macro UNARY 1
s_%1_8:     FL_IN
            %1 al
            FL_OUT
            ret
s_%1_16:    FL_IN
            %1 ax
            FL_OUT
            ret
s_%1_32:    FL_IN
            %1 eax
            FL_OUT
            ret
s_%1_m8:    mov [scratch], eax
            FL_IN
            %1 byte [scratch]
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_m32:   mov [scratch], eax
            FL_IN
            %1 dword [scratch]
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_ebx:   FL_IN
            %1 ebx
            FL_OUT
            ret
%endmacro

%macro ALU_OP 1
BIN_RM %1
BIN_IMM %1
%ifnidn %1, test
BIN_IMMSX %1
%endif
%endmacro

ALU_OP add
ALU_OP adc
ALU_OP sub
ALU_OP sbb
ALU_OP cmp
ALU_OP and
ALU_OP or
ALU_OP xor
ALU_OP test
%macro RMSRC_ALL 0-*
%rep %0
BIN_RMSRC %1
%rotate 1
%endrep
%endmacro
RMSRC_ALL add, adc, sub, sbb, cmp, and, or, xor
%macro LOCK_ALL 0-*
%rep %0
BIN_LOCK %1
%rotate 1
%endrep
%endmacro
LOCK_ALL add, adc, sub, sbb, and, or, xor
UNARY inc
UNARY dec
UNARY neg
UNARY not

; the FF /0 and FF /1 encodings of INC/DEC r32 (nasm uses the one-byte 40+r / 48+r forms)
s_inc_ff:   FL_IN
            db 0xFF, 0xC0                   ; inc eax
            FL_OUT
            ret
s_dec_ff:   FL_IN
            db 0xFF, 0xC8                   ; dec eax
            FL_OUT
            ret
s_inc_fe:   FL_IN
            db 0xFE, 0xC3                   ; inc bl
            FL_OUT
            ret

; ---- descriptor tables -------------------------------------------------------------------------
%define M_ARITH 0x8D5
%define M_LOGIC 0x8C5

SWEEP_BEGIN t_reg
%macro REG_SWEEPS 2
SWEEP {%str(%1), "8"},   s_%1_8,  L8A,  L8B,  FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "16"},  s_%1_16, L16A, L16B, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32"},  s_%1_32, L32,  L32,  FL2, %2, O_A, 0, 0
%endmacro
REG_SWEEPS add, M_ARITH
REG_SWEEPS adc, M_ARITH
REG_SWEEPS sub, M_ARITH
REG_SWEEPS sbb, M_ARITH
REG_SWEEPS cmp, M_ARITH
REG_SWEEPS and, M_LOGIC
REG_SWEEPS or,  M_LOGIC
REG_SWEEPS xor, M_LOGIC
REG_SWEEPS test, M_LOGIC
REG_SWEEPS inc, M_ARITH
REG_SWEEPS dec, M_ARITH
REG_SWEEPS neg, M_ARITH
REG_SWEEPS not, M_ARITH
SWEEP_END

SWEEP_BEGIN t_other
%macro MEM_SWEEPS 2
SWEEP {%str(%1), "8 m,r"},   s_%1_m8,  L8A,  L8B,  FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "16 m,r"},  s_%1_m16, L16A, L16B, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 m,r"},  s_%1_m32, L32,  L32,  FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "8 al,i"},  s_%1_al,  L8A,  ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "16 ax,i"}, s_%1_ax,  L16A, ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 eax,i"}, s_%1_eax, L32, ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "8 r,i"},   s_%1_bl,  ONE0, L8B,  FL2, %2, O_B, 0, 0
SWEEP {%str(%1), "16 r,i"},  s_%1_bx,  ONE0, L16B, FL2, %2, O_B, 0, 0
SWEEP {%str(%1), "32 r,i"},  s_%1_ebx, ONE0, L32,  FL2, %2, O_B, 0, 0
%ifnidn %1, test
SWEEP {%str(%1), "32 r,ib"}, s_%1_ebxs, ONE0, L32, FL2, %2, O_B, 0, 0
SWEEP {%str(%1), "16 r,ib"}, s_%1_bxs, ONE0, L16B, FL2, %2, O_B, 0, 0
SWEEP {%str(%1), "32 m,ib"}, s_%1_mi,  ONE0, L32,  FL2, %2, O_B, 0, 0
%endif
%endmacro
%macro SRC_SWEEPS 2
SWEEP {%str(%1), "8 r,m"},   s_%1_r8m,  L8A, L8B, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 r,m"},  s_%1_r32m, L32, L32, FL2, %2, O_A, 0, 0
%endmacro
%macro LOCK_SWEEPS 2
SWEEP {"lock ", %str(%1), "32 m,r"}, s_%1_lock, L32, L32, FL2, %2, O_A, 0, 0
%endmacro
%macro UNARY_SWEEPS 2
SWEEP {%str(%1), "8 m"},   s_%1_m8,  L8A, ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 m"},  s_%1_m32, L32, ONE0, FL2, %2, O_A, 0, 0
SWEEP {%str(%1), "32 ebx"}, s_%1_ebx, ONE0, L32, FL2, %2, O_B, 0, 0
%endmacro
MEM_SWEEPS add, M_ARITH
MEM_SWEEPS adc, M_ARITH
MEM_SWEEPS sub, M_ARITH
MEM_SWEEPS sbb, M_ARITH
MEM_SWEEPS cmp, M_ARITH
MEM_SWEEPS and, M_LOGIC
MEM_SWEEPS or,  M_LOGIC
MEM_SWEEPS xor, M_LOGIC
MEM_SWEEPS test, M_LOGIC
SRC_SWEEPS add, M_ARITH
SRC_SWEEPS adc, M_ARITH
SRC_SWEEPS sub, M_ARITH
SRC_SWEEPS sbb, M_ARITH
SRC_SWEEPS cmp, M_ARITH
SRC_SWEEPS and, M_LOGIC
SRC_SWEEPS or,  M_LOGIC
SRC_SWEEPS xor, M_LOGIC
LOCK_SWEEPS add, M_ARITH
LOCK_SWEEPS adc, M_ARITH
LOCK_SWEEPS sub, M_ARITH
LOCK_SWEEPS sbb, M_ARITH
LOCK_SWEEPS and, M_LOGIC
LOCK_SWEEPS or,  M_LOGIC
LOCK_SWEEPS xor, M_LOGIC
UNARY_SWEEPS inc, M_ARITH
UNARY_SWEEPS dec, M_ARITH
UNARY_SWEEPS neg, M_ARITH
UNARY_SWEEPS not, M_ARITH
SWEEP "inc32 FF/0", s_inc_ff, L32, ONE0, FL2, M_ARITH, O_A, 0, 0
SWEEP "dec32 FF/1", s_dec_ff, L32, ONE0, FL2, M_ARITH, O_A, 0, 0
SWEEP "inc8 FE/0",  s_inc_fe, ONE0, L8B, FL2, M_ARITH, O_B, 0, 0
SWEEP_END

test_main:
    PRINTLN "alu: ADD ADC SUB SBB CMP AND OR XOR TEST INC DEC NEG NOT"
    mov dword [show_lines], 8
    mov esi, t_reg
    call run_tests
    mov dword [show_lines], 2
    mov esi, t_other
    call run_tests
    ret
