; bitops — BT BTS BTR BTC (register and imm8 offsets, 16/32-bit; memory operands with large
; positive and negative register offsets), BSF BSR (incl. a zero source), BSWAP, XADD,
; CMPXCHG (equal and not, register/memory/LOCK, 8/16/32), CMPXCHG8B.
; Flag masks (Intel SDM vol. 2):
;   BT BTS BTR BTC : CF = the bit; ZF unchanged; OF SF AF PF undefined   (0041)
;   BSF BSR        : ZF; the rest undefined; the destination is undefined
;                    when the source is 0 (the stub replaces it by DEADDEAD) (0040)
;   BSWAP          : none affected (08D5)
;   XADD CMPXCHG   : as ADD / CMP (08D5);  CMPXCHG8B: ZF, others unchanged (08D5)

%include "rt.inc"
%include "sweep.inc"
%include "lists.inc"

section .bss
scratch: resd 4
alignb 16
bitbuf:  resb 528                           ; bit string base = bitbuf + 256 (+ slack for the read-back)

section .rodata
LIST BITIDX32, 0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 0xFFFFFFFF, 0x80000000, 0x12345678
LIST BITIDX16, 0x5A5A0000, 0x5A5A0001, 0x5A5A0007, 0x5A5A000F, 0x5A5A0010, 0x5A5A0011, 0x5A5A001F, 0x5A5AFFFF
LIST BITOFF32, 0, 1, 31, 32, 33, 100, 511, 1023, 2047, -1, -2, -31, -32, -33, -100, -512, -1024, -2048
LIST BITOFF16, 0xABCD0000, 0xABCD0001, 0xABCD000F, 0xABCD0010, 0xABCD0011, 0xABCD0064, 0xABCD01FF, \
               0xABCD07FF, 0xABCDFFFF, 0xABCDFFFE, 0xABCDFFF0, 0xABCDFFEF, 0xABCDFF9C, 0xABCDF800
LIST BSCAN, 0, 1, 2, 3, 0x80000000, 0xFFFFFFFF, 0x00010000, 0x00008000, 0x00018000, 0x12345678, \
            0xA5A50000, 0x5A5A0001, 0x00000100, 0x40000000

section .text

%macro BT_STUBS 1
s_%1_32:    FL_IN
            %1 eax, ebx
            FL_OUT
            ret
s_%1_16:    FL_IN
            %1 ax, bx
            FL_OUT
            ret
s_%1_i32:   FL_IN
            %1 eax, 33                      ; imm8 is taken modulo 32: bit 1
            FL_OUT
            ret
s_%1_i16:   FL_IN
            %1 ax, 15
            FL_OUT
            ret
s_%1_mi:    mov [scratch], eax
            FL_IN
            %1 dword [scratch], 30
            FL_OUT
            mov eax, [scratch]
            ret
s_%1_m32:   FL_IN
            %1 [bitbuf + 256], ebx          ; bit string: address + 4 * (EBX sar 5)
            FL_OUT
            mov edx, ebx
            sar edx, 5
            mov edx, [bitbuf + 256 + edx * 4]
            ret
s_%1_m16:   FL_IN
            %1 [bitbuf + 256], bx           ; address + 2 * (BX sar 4), BX signed
            FL_OUT
            movsx edx, bx
            sar edx, 4
            mov edx, [bitbuf + 256 + edx * 2]
            ret
%endmacro
BT_STUBS bt
BT_STUBS bts
BT_STUBS btr
BT_STUBS btc

%macro SCAN_STUBS 1
s_%1_32:    FL_IN
            %1 eax, ebx
            FL_OUT
            jnz .r
            mov eax, 0xDEADDEAD
.r:         ret
s_%1_16:    FL_IN
            %1 ax, bx
            FL_OUT
            jnz .r
            mov eax, 0xDEADDEAD
.r:         ret
s_%1_m32:   mov [scratch], ebx
            FL_IN
            %1 eax, [scratch]
            FL_OUT
            jnz .r
            mov eax, 0xDEADDEAD
.r:         ret
%endmacro
SCAN_STUBS bsf
SCAN_STUBS bsr

s_bswap_eax: FL_IN
            bswap eax
            FL_OUT
            ret
s_bswap_ebx: FL_IN
            bswap ebx
            FL_OUT
            ret

s_xadd_32:  FL_IN
            xadd eax, ebx
            FL_OUT
            ret
s_xadd_16:  FL_IN
            xadd ax, bx
            FL_OUT
            ret
s_xadd_8:   FL_IN
            xadd al, bl
            FL_OUT
            ret
s_xadd_m32: mov [scratch], eax
            FL_IN
            lock xadd [scratch], ebx
            FL_OUT
            mov eax, [scratch]
            ret

; CMPXCHG dest, src: accumulator = A, dest = B, src = ECX (descriptor)
s_cmpxchg_32: FL_IN
            cmpxchg ebx, ecx
            FL_OUT
            ret
s_cmpxchg_16: FL_IN
            cmpxchg bx, cx
            FL_OUT
            ret
s_cmpxchg_8: FL_IN
            cmpxchg bl, cl
            FL_OUT
            ret
s_cmpxchg_m32: mov [scratch], ebx
            FL_IN
            lock cmpxchg [scratch], ecx
            FL_OUT
            mov ebx, [scratch]
            ret

SWEEP_BEGIN t_bt
%macro BT_SWEEPS 1
SWEEP {%str(%1), "32 r,r"},  s_%1_32,  L32,  BITIDX32, FL2, 0x041, O_A, 0, 0
SWEEP {%str(%1), "16 r,r"},  s_%1_16,  L16A, BITIDX16, FL2, 0x041, O_A, 0, 0
SWEEP {%str(%1), "32 r,33"}, s_%1_i32, L32,  ONE0,     FL2, 0x041, O_A, 0, 0
SWEEP {%str(%1), "16 r,15"}, s_%1_i16, L16A, ONE0,     FL2, 0x041, O_A, 0, 0
SWEEP {%str(%1), "32 m,30"}, s_%1_mi,  L32,  ONE0,     FL2, 0x041, O_A, 0, 0
SWEEP {%str(%1), "32 m,r"},  s_%1_m32, ONE0, BITOFF32, FL2, 0x041, O_D, 0, 0
SWEEP {%str(%1), "16 m,r"},  s_%1_m16, ONE0, BITOFF16, FL2, 0x041, O_D, 0, 0
%endmacro
BT_SWEEPS bt
BT_SWEEPS bts
BT_SWEEPS btr
BT_SWEEPS btc
SWEEP_END

SWEEP_BEGIN t_other
SWEEP "bsf32", s_bsf_32, ONE0, BSCAN, FL2, 0x040, O_A, 0, 0
SWEEP "bsf16", s_bsf_16, L16A, BSCAN, FL2, 0x040, O_A, 0, 0
SWEEP "bsf32 r,m", s_bsf_m32, ONE0, BSCAN, FL2, 0x040, O_A, 0, 0
SWEEP "bsr32", s_bsr_32, ONE0, BSCAN, FL2, 0x040, O_A, 0, 0
SWEEP "bsr16", s_bsr_16, L16A, BSCAN, FL2, 0x040, O_A, 0, 0
SWEEP "bsr32 r,m", s_bsr_m32, ONE0, BSCAN, FL2, 0x040, O_A, 0, 0
SWEEP "bswap eax", s_bswap_eax, L32, ONE0, FL2, 0x8D5, O_A, 0, 0
SWEEP "bswap ebx", s_bswap_ebx, ONE0, L32, FL2, 0x8D5, O_B, 0, 0
SWEEP "xadd32", s_xadd_32, L32, L32, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP "xadd16", s_xadd_16, L16A, L16B, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP "xadd8", s_xadd_8, L8A, L8B, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP "lock xadd32 m,r", s_xadd_m32, L32, L32, FL2, 0x8D5, O_A | O_B, 0, 0
SWEEP "cmpxchg32", s_cmpxchg_32, L32, L32, FL2, 0x8D5, O_A | O_B, 0x11223344, 0
SWEEP "cmpxchg16", s_cmpxchg_16, L16A, L16A, FL2, 0x8D5, O_A | O_B, 0x11223344, 0
SWEEP "cmpxchg8", s_cmpxchg_8, L8A, L8A, FL2, 0x8D5, O_A | O_B, 0x11223344, 0
SWEEP "lock cmpxchg32 m,r", s_cmpxchg_m32, L32, L32, FL2, 0x8D5, O_A | O_B, 0x11223344, 0
SWEEP_END

test_main:
    PRINTLN "bitops: BT BTS BTR BTC BSF BSR BSWAP XADD CMPXCHG CMPXCHG8B"
    ; deterministic bit string: byte i = i * 37 + 11
    xor ecx, ecx
.fill:
    mov eax, ecx
    imul eax, eax, 37
    add eax, 11
    mov [bitbuf + ecx], al
    inc ecx
    cmp ecx, 512
    jb .fill
    mov dword [show_lines], 6
    mov esi, t_bt
    call run_tests
    mov esi, t_other
    call run_tests
    ; the bit string after all the BTS/BTR/BTC memory operations
    call hash_reset
    xor ecx, ecx
.h: mov eax, [bitbuf + ecx]
    call hash_u32
    add ecx, 4
    cmp ecx, 512
    jb .h
    PRINT "bit string after the sweeps: hash="
    HEX32 [hash_value]
    call putnl
    call cx8_tests
    ret

; CMPXCHG8B m64: EDX:EAX == m64 → m64 = ECX:EBX, ZF=1; else EDX:EAX = m64, ZF=0
cx8_tests:
    mov dword [scratch], 0x89ABCDEF
    mov dword [scratch + 4], 0x01234567
    mov eax, 0x89ABCDEF
    mov edx, 0x01234567
    mov ebx, 0xCAFEF00D
    mov ecx, 0x0BADBEEF
    call cx8_one
    mov eax, 0x89ABCDEF                     ; m64 is now 0BADBEEF:CAFEF00D: not equal
    mov edx, 0x01234567
    mov ebx, 0x11111111
    mov ecx, 0x22222222
    call cx8_one
    mov eax, 0xCAFEF00D                     ; low halves equal, high differ
    mov edx, 0x0BADBEEE
    call cx8_one
    ret

cx8_one:
    push dword 0x8D7                        ; CF PF AF SF OF set: must survive
    popfd
    lock cmpxchg8b [scratch]
    pushfd
    PRINT "cmpxchg8b: edx:eax="
    HEX32 edx
    PRINT ":"
    HEX32 eax
    PRINT " m64="
    HEX32 [scratch + 4]
    PRINT ":"
    HEX32 [scratch]
    PRINT " fl="
    pop eax
    and eax, 0x8D5
    HEX16 eax
    call putnl
    ret
