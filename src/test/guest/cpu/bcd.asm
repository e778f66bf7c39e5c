; bcd — DAA DAS AAA AAS AAM AAD: every AL value, AH variants, every CF/AF combination in,
; AAM/AAD with bases 10, 16, 7, 1, 255 (the imm8 forms D4 ib / D5 ib) and AAM 0 → #DE.
; Flag masks (Intel SDM vol. 2):
;   DAA DAS : SF ZF AF PF CF; OF undefined          (00D5)
;   AAA AAS : AF CF; OF SF ZF PF undefined           (0011)
;   AAM AAD : SF ZF PF; OF AF CF undefined           (00C4)

%include "rt.inc"
%include "sweep.inc"

; AL = 00..FF with AH = A5 (and garbage above)
[section .rodata]
align 4
ALL_AL: dd 256
%assign i 0
%rep 256
    dd 0xC3C3A500 + i
%assign i i+1
%endrep
; AH values for AAA/AAS/AAD (the driver puts list B in EBX; the stubs move BL to AH)
__SECT__
LIST ONE0, 0
LIST AHS, 0x00, 0x01, 0x09, 0x7F, 0xFF
; CF/AF in: none, CF, AF, both — with the other status flags both ways
LIST FLBCD, 0x002, 0x003, 0x012, 0x013, 0x8C6, 0x8D7

section .text
s_daa:      FL_IN
            daa
            FL_OUT
            ret
s_das:      FL_IN
            das
            FL_OUT
            ret
s_aaa:      mov ah, bl
            FL_IN
            aaa
            FL_OUT
            ret
s_aas:      mov ah, bl
            FL_IN
            aas
            FL_OUT
            ret
%macro AAM_AAD 1
s_aam_%1:   FL_IN
            aam %1
            FL_OUT
            ret
s_aad_%1:   mov ah, bl
            FL_IN
            aad %1
            FL_OUT
            ret
%endmacro
AAM_AAD 10
AAM_AAD 16
AAM_AAD 7
AAM_AAD 1
AAM_AAD 255
s_aad_0:    mov ah, bl
            FL_IN
            aad 0
            FL_OUT
            ret
s_aam_0_de: mov dword [rec_eip], .de
            FL_IN
            aam 0
            FL_OUT
.de:        ret

SWEEP_BEGIN t_bcd
SWEEP "daa", s_daa, ALL_AL, ONE0, FLBCD, 0x0D5, O_A, 0, 0
SWEEP "das", s_das, ALL_AL, ONE0, FLBCD, 0x0D5, O_A, 0, 0
SWEEP "aaa", s_aaa, ALL_AL, AHS, FLBCD, 0x011, O_A, 0, 0
SWEEP "aas", s_aas, ALL_AL, AHS, FLBCD, 0x011, O_A, 0, 0
SWEEP "aam 10", s_aam_10, ALL_AL, ONE0, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aam 16", s_aam_16, ALL_AL, ONE0, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aam 7", s_aam_7, ALL_AL, ONE0, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aam 1", s_aam_1, ALL_AL, ONE0, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aam 255", s_aam_255, ALL_AL, ONE0, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aam 0", s_aam_0_de, ALL_AL, ONE0, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aad 10", s_aad_10, ALL_AL, AHS, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aad 16", s_aad_16, ALL_AL, AHS, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aad 7", s_aad_7, ALL_AL, AHS, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aad 0", s_aad_0, ALL_AL, AHS, FLBCD, 0x0C4, O_A, 0, 0
SWEEP "aad 255", s_aad_255, ALL_AL, AHS, FLBCD, 0x0C4, O_A, 0, 0
SWEEP_END

test_main:
    PRINTLN "bcd: DAA DAS AAA AAS AAM AAD"
    mov dword [show_lines], 12
    mov esi, t_bcd
    call run_tests
    PRINTLN "aam 0 (D4 00):"
    mov eax, 0x1234
    TRY .r
.f: aam 0
    NOFAULT
.r: EXPECT 0, -1
    EXPECT_EIP .f
    CHECK eax, 0x1234, "eax after #DE"
    ret
