; string — MOVS STOS LODS SCAS CMPS (byte/word/dword) with and without REP/REPE/REPNE,
; ECX = 0, DF = 0 and 1, overlapping MOVSB, a segment override on the source, 16-bit address
; size (0x67: SI/DI/CX, with wraparound at 64 KiB and the upper halves of ESI/EDI/ECX kept),
; and INSB/OUTSB on the UART scratch register (port 0x3FF, harmless).
;
; Line: "name: esi=S edi=D ecx=C eax=A fl=F mem=H" — S/D relative to the source/destination
; buffer (32-bit address size) or raw (16-bit address size, DS=ES=a data segment based on a
; 64 KiB window), F = flags AND 08D5 (flags in: 0897 | DF), H = hash of the buffers.

%include "rt.inc"

%define SEL_WRAP (SEL_FREE + 0)             ; data segment, base = wrapbuf, limit 4 GiB

section .bss
alignb 16
bufa:   resb 128                            ; source
bufb:   resb 128                            ; destination (bufa + 128)
alignb 4096
wrapbuf: resb 0x10000 + 64

section .data
cur:    dd 0

section .text
; ---- stubs: the instruction under test ----------------------------------------------------------
%macro SSTUB 2+
s_%1:   %2
        ret
%endmacro
SSTUB movsb,        movsb
SSTUB movsw,        movsw
SSTUB movsd,        movsd
SSTUB rep_movsb,    rep movsb
SSTUB rep_movsw,    rep movsw
SSTUB rep_movsd,    rep movsd
SSTUB stosb,        stosb
SSTUB rep_stosb,    rep stosb
SSTUB rep_stosw,    rep stosw
SSTUB rep_stosd,    rep stosd
SSTUB lodsb,        lodsb
SSTUB lodsw,        lodsw
SSTUB lodsd,        lodsd
SSTUB rep_lodsb,    rep lodsb
SSTUB scasb,        scasb
SSTUB repne_scasb,  repne scasb
SSTUB repe_scasb,   repe scasb
SSTUB repe_scasd,   repe scasd
SSTUB repne_scasw,  repne scasw
SSTUB cmpsb,        cmpsb
SSTUB cmpsd,        cmpsd
SSTUB repe_cmpsb,   repe cmpsb
SSTUB repe_cmpsw,   repe cmpsw
SSTUB repe_cmpsd,   repe cmpsd
SSTUB repne_cmpsb,  repne cmpsb
SSTUB a16_rep_movsb, a16 rep movsb
SSTUB a16_rep_movsw, a16 rep movsw
SSTUB a16_rep_stosw, a16 rep stosw
SSTUB a16_repne_scasb, a16 repne scasb
SSTUB a16_repe_cmpsb, a16 repe cmpsb
SSTUB a16_lodsb,    a16 lodsb
SSTUB a16_rep_stosb, a16 rep stosb
SSTUB rep_outsb,    rep outsb
SSTUB rep_insb,     rep insb
SSTUB a16_rep_insb, a16 rep insb

; ---- cases --------------------------------------------------------------------------------------
; CASE "name", stub, ESI, EDI, ECX, EAX, DF, mode
;   mode 0: B filled with EE;  1: B = copy of A with B[20] ^= 55;  2: 16-bit address size
;   window (DS=ES=SEL_WRAP; ESI/EDI raw);  3: like 1 but with B[20] = A[20]
;   For modes 0/1/3 ESI/EDI are offsets from bufa/bufb.
%macro CASE 8
    [section .rodata]
%%n: db %1, 0
    [section .rodata.cases]
    dd %%n, s_%2, %3, %4, %5, %6, %7, %8
    __SECT__
%endmacro

[section .rodata.cases]
cases:
__SECT__
CASE "movsb",            movsb,       0, 0, 5, 0, 0, 0
CASE "movsw",            movsw,       2, 4, 5, 0, 0, 0
CASE "movsd",            movsd,       4, 8, 5, 0, 0, 0
CASE "rep movsb 13",     rep_movsb,   1, 3, 13, 0, 0, 0
CASE "rep movsw 7",      rep_movsw,   0, 1, 7, 0, 0, 0
CASE "rep movsd 9",      rep_movsd,   0, 0, 9, 0, 0, 0
CASE "rep movsd 0",      rep_movsd,   0, 0, 0, 0, 0, 0
CASE "std rep movsb 10", rep_movsb,   20, 40, 10, 0, 1, 0
CASE "std rep movsd 4",  rep_movsd,   60, 100, 4, 0, 1, 0
CASE "overlap rep movsb", rep_movsb,  128, 1, 20, 0, 0, 1
CASE "stosb",            stosb,       0, 5, 3, 0x11223344, 0, 0
CASE "rep stosb 7",      rep_stosb,   0, 2, 7, 0x11223344, 0, 0
CASE "rep stosw 5",      rep_stosw,   0, 1, 5, 0x11223344, 0, 0
CASE "rep stosd 6",      rep_stosd,   0, 4, 6, 0x11223344, 0, 0
CASE "std rep stosd 3",  rep_stosd,   0, 60, 3, 0x55667788, 1, 0
CASE "lodsb",            lodsb,       7, 0, 1, 0xFFFFFFFF, 0, 0
CASE "lodsw",            lodsw,       7, 0, 1, 0xFFFFFFFF, 0, 0
CASE "lodsd",            lodsd,       7, 0, 1, 0xFFFFFFFF, 0, 0
CASE "std lodsd",        lodsd,       7, 0, 1, 0xFFFFFFFF, 1, 0
CASE "rep lodsb 4",      rep_lodsb,   0, 0, 4, 0xFFFFFFFF, 0, 0
CASE "scasb",            scasb,       0, 3, 1, 0x00000018, 0, 1
CASE "repne scasb found", repne_scasb, 0, 0, 64, 0x0000007A, 0, 1
CASE "repne scasb none", repne_scasb, 0, 0, 30, 0x00000001, 0, 1
CASE "repe scasb EE",    repe_scasb,  0, 0, 16, 0x000000EE, 0, 0
CASE "repe scasd EE",    repe_scasd,  0, 0, 8, 0xEEEEEEEE, 0, 0
CASE "repe scasb stop",  repe_scasb,  0, 10, 16, 0x000000EE, 0, 1
CASE "std repne scasw",  repne_scasw, 0, 40, 30, 0x00001F18, 1, 1
CASE "cmpsb",            cmpsb,       5, 5, 1, 0, 0, 1
CASE "cmpsd lt",         cmpsd,       4, 8, 1, 0, 0, 1
CASE "repe cmpsb",       repe_cmpsb,  0, 0, 64, 0, 0, 1
CASE "repe cmpsb equal", repe_cmpsb,  0, 0, 64, 0, 0, 3
CASE "repe cmpsw",       repe_cmpsw,  0, 0, 32, 0, 0, 1
CASE "repe cmpsd",       repe_cmpsd,  0, 0, 16, 0, 0, 1
CASE "std repe cmpsd",   repe_cmpsd,  60, 60, 16, 0, 1, 1
CASE "repne cmpsb",      repne_cmpsb, 0, 0, 12, 0, 0, 0
CASE "repne cmpsb first", repne_cmpsb, 0, 0, 12, 0, 0, 1
CASE "repe cmpsb ecx=0", repe_cmpsb,  0, 0, 0, 0, 0, 1
CASE "a16 rep movsb wrap", a16_rep_movsb, 0xABCDFFFE, 0x12340010, 0x77770004, 0, 0, 2
CASE "a16 rep movsw wrap", a16_rep_movsw, 0x00010020, 0x0001FFFC, 0xFFFF0004, 0, 0, 2
CASE "a16 std rep movsw",  a16_rep_movsw, 0x00000002, 0x00000030, 0x00000003, 0, 1, 2
CASE "a16 rep stosw wrap", a16_rep_stosw, 0, 0x5555FFFE, 0x00000003, 0xA1B2C3D4, 0, 2
CASE "a16 repne scasb",  a16_repne_scasb, 0, 0x0000FFF8, 0x00010020, 0x00000003, 0, 2
CASE "a16 repe cmpsb",   a16_repe_cmpsb, 0x0000FFFA, 0x00000030, 0x00000010, 0, 0, 2
CASE "a16 lodsb",        a16_lodsb,   0xFFFFFFFF, 0, 0, 0x12345678, 0, 2
CASE "a16 std lodsb",    a16_lodsb,   0x00000000, 0, 0, 0x12345678, 1, 2
CASE "a16 rep stosb cx=0", a16_rep_stosb, 0, 0x00000008, 0x00010000, 0x99, 0, 2
CASE "rep outsb 0x3FF",  rep_outsb,   9, 0, 5, 0, 0, 0
CASE "rep insb 0x3FF",   rep_insb,    0, 3, 4, 0, 0, 0
CASE "a16 rep insb wrap", a16_rep_insb, 0, 0x0000FFFF, 0x00000003, 0, 0, 2
[section .rodata.cases]
    dd 0
__SECT__

; fill the buffers for a case (ESI = case)
prepare:
    xor ecx, ecx
.a: mov eax, ecx
    imul eax, eax, 7
    add eax, 3
    mov [bufa + ecx], al
    mov [bufb + ecx], al
    inc ecx
    cmp ecx, 128
    jb .a
    mov eax, [esi + 28]
    cmp eax, 1
    je .diff
    cmp eax, 3
    je .ret
    mov edi, bufb
    mov ecx, 128
    mov al, 0xEE
    rep stosb
    ; the 64 KiB window: the first, last and just-past-the-end 64 bytes
    mov ecx, 0
.w: mov eax, ecx
    imul eax, eax, 5
    add eax, 0x40
    mov [wrapbuf + ecx], al
    xor al, 0xFF
    mov [wrapbuf + 0xFFC0 + ecx], al
    mov byte [wrapbuf + 0x10000 + ecx], 0x33
    inc ecx
    cmp ecx, 64
    jb .w
    ret
.diff:
    xor byte [bufb + 20], 0x55
.ret:
    ret

run_case:                                   ; ESI = case
    call prepare
    mov al, 0x5C                            ; UART scratch register: known value for INSB
    mov dx, 0x3FF
    out dx, al
    mov [cur], esi
    mov ecx, [esi + 24]                     ; DF
    shl ecx, 10
    or ecx, 0x897
    mov eax, [esi + 20]
    push ecx
    mov ecx, [esi + 16]
    mov edi, [esi + 12]
    mov ebx, [esi + 4]
    cmp dword [esi + 28], 2
    mov esi, [esi + 8]
    je .a16
    add esi, bufa
    add edi, bufb
    mov dx, 0x3FF
    popfd
    call ebx
    jmp .after
.a16:
    mov dx, SEL_WRAP
    mov ds, dx
    mov es, dx
    mov dx, 0x3FF
    popfd
    call ebx
    push eax
    mov ax, SEL_DATA0
    mov ds, ax
    mov es, ax
    pop eax
.after:
    pushfd
    cld
    push eax
    push ecx
    mov ebx, [cur]
    cmp dword [ebx + 28], 2
    je .raw
    sub esi, bufa
    sub edi, bufb
.raw:
    push esi
    mov esi, [ebx]
    call puts
    pop esi
    PRINT ": esi="
    HEX32 esi
    PRINT " edi="
    HEX32 edi
    PRINT " ecx="
    pop ecx
    HEX32 ecx
    PRINT " eax="
    pop eax
    HEX32 eax
    PRINT " fl="
    pop eax
    and eax, 0x8D5
    HEX16 eax
    ; hash of A, B and the three windows of wrapbuf
    call hash_reset
    mov esi, bufa
    mov ecx, 64
.h1: mov eax, [esi]
    call hash_u32
    add esi, 4
    loop .h1
    mov esi, wrapbuf
    call hash_window
    mov esi, wrapbuf + 0xFFC0
    call hash_window
    mov esi, wrapbuf + 0x10000
    call hash_window
    PRINT " mem="
    HEX32 [hash_value]
    call putnl
    ret

hash_window:
    mov ecx, 16
.h: mov eax, [esi]
    call hash_u32
    add esi, 4
    loop .h
    ret

; FS override on the source of MOVS (the destination is always ES:EDI)
fs_override:
    mov ax, SEL_WRAP
    mov fs, ax
    mov esi, 0xFFF0                         ; FS:ESI = wrapbuf + FFF0
    mov edi, bufb
    mov ecx, 6
    cld
    fs rep movsb
    mov ax, SEL_DATA0
    mov fs, ax
    PRINT "fs rep movsb: "
    mov eax, [bufb]
    HEX32 eax
    call putsp
    HEX16 [bufb + 4]
    call putnl
    ret

test_main:
    PRINTLN "string: MOVS STOS LODS SCAS CMPS INS OUTS"
    mov eax, SEL_WRAP
    mov ebx, wrapbuf
    mov ecx, 0xFFFFF
    mov dx, 0xC093                          ; writable data, 4 KiB granular, 32-bit
    call set_desc
    mov esi, cases
.next:
    cmp dword [esi], 0
    je .done
    push esi
    call run_case
    pop esi
    add esi, 32
    jmp .next
.done:
    mov esi, cases
    call prepare
    call fs_override
    mov dx, 0x3FF                           ; what OUTSB left in the scratch register
    in al, dx
    PRINT "scratch register: "
    HEX8 eax
    call putnl
    ret
