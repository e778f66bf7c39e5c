; paging — two-level 32-bit paging (Intel SDM vol. 3 ch. 4, non-PAE): 4 KiB pages and 4 MiB
; pages (CR4.PSE), #PF error codes (P, W/R, U/S) and CR2 for reads, writes and instruction
; fetches at CPL 0 (CR0.WP = 0 and 1) and CPL 3, combined PDE/PTE rights (the stricter wins),
; accessed/dirty bits set by the processor in PTEs and 4 MiB PDEs, INVLPG and a CR3 reload
; making a changed PTE visible, and code written through one mapping executed through it.
; Only architecturally defined outcomes: nothing relies on a stale TLB entry.
;
; Linear layout (the first 16 MiB are identity-mapped with 4 KiB pages, P RW U):
;   40000000 P RW U   40001000 P RO U   40002000 P RW S   40003000 P RO S   40004000 not present
;   40400000 PDE RO U / PTE RW U        40800000 PDE RW S / PTE RW U
;   41000000 4 MiB RW U → phys 00400000 41400000 4 MiB RO U → phys 00800000
;   41800000 4 MiB RW S → phys 00C00000 42000000 PDE not present
; Access-table line: "cpl C wp W  op  address : result [cr2=...] ok|FAIL" (expected from the SDM).

%include "rt.inc"

%define LBASE 0x40000000
%define PG_P  1
%define PG_W  2
%define PG_U  4
%define PG_A  0x20
%define PG_D  0x40
%define PG_PS 0x80

section .bss
alignb 4096
pd:     resb 4096
pt_id:  resb 4096 * 4                       ; identity map of 0..16 MiB
ptx:    resb 4096                           ; 40000000
pty:    resb 4096                           ; 40400000
ptz:    resb 4096                           ; 40800000
frames: resb 4096 * 8
cur_cpl: resd 1
cur_wp:  resd 1
results: resd 64

section .rodata
; access table: name, address, op (0 read, 1 write, 2 call), expected error code at CPL 0 WP 0,
; CPL 0 WP 1, CPL 3 (-1 = no fault)
%define NF -1
%macro ACC 6
    dd %%n, %1, %2, %3, %4, %5
    [section .rodata.names]
%%n: db %6, 0
    __SECT__
%endmacro
access_table:
ACC 0x40000100, 0, NF, NF, NF, "read  P RW U  "
ACC 0x40001100, 0, NF, NF, NF, "read  P RO U  "
ACC 0x40002100, 0, NF, NF, 5,  "read  P RW S  "
ACC 0x40003100, 0, NF, NF, 5,  "read  P RO S  "
ACC 0x40004100, 0, 0,  0,  4,  "read  not pres"
ACC 0x40400100, 0, NF, NF, NF, "read  PDE RO  "
ACC 0x40800100, 0, NF, NF, 5,  "read  PDE S   "
ACC 0x41000100, 0, NF, NF, NF, "read  4M RW U "
ACC 0x41400100, 0, NF, NF, NF, "read  4M RO U "
ACC 0x41800100, 0, NF, NF, 5,  "read  4M RW S "
ACC 0x42000100, 0, 0,  0,  4,  "read  PDE np  "
ACC 0x40000104, 1, NF, NF, NF, "write P RW U  "
ACC 0x40001104, 1, NF, 3,  7,  "write P RO U  "
ACC 0x40002104, 1, NF, NF, 7,  "write P RW S  "
ACC 0x40003104, 1, NF, 3,  7,  "write P RO S  "
ACC 0x40004104, 1, 2,  2,  6,  "write not pres"
ACC 0x40400104, 1, NF, 3,  7,  "write PDE RO  "
ACC 0x40800104, 1, NF, NF, 7,  "write PDE S   "
ACC 0x41000104, 1, NF, NF, NF, "write 4M RW U "
ACC 0x41400104, 1, NF, 3,  7,  "write 4M RO U "
ACC 0x41800104, 1, NF, NF, 7,  "write 4M RW S "
ACC 0x42000104, 1, 2,  2,  6,  "write PDE np  "
ACC 0x40000010, 2, NF, NF, NF, "call  P RW U  "
ACC 0x40002010, 2, NF, NF, 5,  "call  P RW S  "
ACC 0x40004010, 2, 0,  0,  4,  "call  not pres"
ACC 0x41000020, 2, NF, NF, NF, "call  4M RW U "
    dd 0

section .text
; ---- page tables -------------------------------------------------------------------------------
build_tables:
    ; identity map 0..16 MiB
    xor ecx, ecx
.id:
    mov eax, ecx
    shl eax, 12
    or eax, PG_P | PG_W | PG_U
    mov [pt_id + ecx * 4], eax
    inc ecx
    cmp ecx, 4096
    jb .id
    xor ecx, ecx
.pd:
    mov eax, ecx
    shl eax, 12
    add eax, pt_id
    or eax, PG_P | PG_W | PG_U
    mov [pd + ecx * 4], eax
    inc ecx
    cmp ecx, 4
    jb .pd
    ; 40000000: PTEs for the five test pages over frames 0..3
    mov eax, ptx
    or eax, PG_P | PG_W | PG_U
    mov [pd + 0x100 * 4], eax
    mov eax, frames
    or eax, PG_P | PG_W | PG_U
    mov [ptx + 0], eax
    mov eax, frames + 0x1000
    or eax, PG_P | PG_U
    mov [ptx + 4], eax
    mov eax, frames + 0x2000
    or eax, PG_P | PG_W
    mov [ptx + 8], eax
    mov eax, frames + 0x3000
    or eax, PG_P
    mov [ptx + 12], eax
    mov dword [ptx + 16], 0
    ; 40400000: PDE read-only, PTE writable → frame 4
    mov eax, pty
    or eax, PG_P | PG_U
    mov [pd + 0x101 * 4], eax
    mov eax, frames + 0x4000
    or eax, PG_P | PG_W | PG_U
    mov [pty], eax
    ; 40800000: PDE supervisor, PTE user → frame 5
    mov eax, ptz
    or eax, PG_P | PG_W
    mov [pd + 0x102 * 4], eax
    mov eax, frames + 0x5000
    or eax, PG_P | PG_W | PG_U
    mov [ptz], eax
    ; 4 MiB pages
    mov dword [pd + 0x104 * 4], 0x00400000 | PG_PS | PG_P | PG_W | PG_U
    mov dword [pd + 0x105 * 4], 0x00800000 | PG_PS | PG_P | PG_U
    mov dword [pd + 0x106 * 4], 0x00C00000 | PG_PS | PG_P | PG_W
    mov dword [pd + 0x108 * 4], 0
    ret

; frame k, every dword = 0xF0000000 + k << 16 + offset; a RET at offset 0x10 of frames 0 and 2
fill_frames:
    xor ecx, ecx
.l: mov eax, ecx
    shl eax, 2
    mov edx, eax
    shr edx, 12
    shl edx, 16
    and eax, 0xFFF
    or eax, edx
    or eax, 0xF0000000
    mov [frames + ecx * 4], eax
    inc ecx
    cmp ecx, 8 * 1024
    jb .l
    mov byte [frames + 0x10], 0xC3
    mov byte [frames + 0x2010], 0xC3
    ; the 4 MiB pages' physical memory (through the identity map): a signature and a RET
    mov dword [0x00400100], 0x4A4A4A4A
    mov byte [0x00400020], 0xC3
    mov dword [0x00800100], 0x8B8B8B8B
    mov dword [0x00C00100], 0xCDCDCDCD
    ret

enable_paging:
    mov eax, cr4
    or eax, 0x10                            ; PSE
    mov cr4, eax
    mov eax, pd
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    ret

; ---- the access table ---------------------------------------------------------------------------
; one access: ESI = table entry; returns EAX = error code or -1
do_access:
    mov dword [last_vec], 0xFF
    mov dword [exc_quiet], 1
    mov ebx, [esi + 4]
    mov edi, esp
    mov dword [rec_eip], .r
    cmp dword [esi + 8], 1
    je .w
    ja .c
    mov eax, [ebx]
    jmp .done
.w: mov dword [ebx], 0x0BADF00D
    jmp .done
.c: call ebx
.done:
    mov dword [rec_eip], 0
.r: mov esp, edi
    mov dword [exc_quiet], 0
    mov eax, -1
    cmp dword [last_vec], 0xFF
    je .ret
    mov eax, [last_vec]
    cmp eax, 14
    jne .other
    mov eax, [last_err]
.ret:
    ret
.other:
    shl eax, 16                             ; not a #PF: vector << 16 (never expected)
    or eax, 0x8000
    ret

run_access_table:                           ; at any CPL; results[i] = outcome, results+32: CR2s
    mov esi, access_table
    xor ebp, ebp
.next:
    cmp dword [esi], 0
    je .done
    call do_access
    mov [results + ebp * 4], eax
    mov eax, [last_cr2]
    mov [results + 128 + ebp * 4], eax
    inc ebp
    add esi, 24
    jmp .next
.done:
    ret

; EBX = column of the expected codes (12 = CPL0 WP0, 16 = CPL0 WP1, 20 = CPL3)
print_access_table:
    mov esi, access_table
    xor ebp, ebp
.next:
    cmp dword [esi], 0
    je .done
    PRINT "cpl "
    mov eax, [cur_cpl]
    add al, '0'
    call putc
    PRINT " wp "
    mov eax, [cur_wp]
    add al, '0'
    call putc
    call putsp
    push esi
    mov esi, [esi]
    call puts
    pop esi
    call putsp
    HEX32 [esi + 4]
    PRINT " : "
    mov eax, [results + ebp * 4]
    cmp eax, -1
    jne .fault
    PRINT "no fault       "
    jmp .check
.fault:
    PRINT "#PF err="
    call puthex16
    PRINT " cr2="
    HEX32 [results + 128 + ebp * 4]
.check:
    cmp eax, [esi + ebx]
    jne .bad
    PRINTLN " ok"
    jmp .nx
.bad:
    inc dword [fail_count]
    PRINT " FAIL want "
    HEX32 [esi + ebx]
    call putnl
.nx:
    inc ebp
    add esi, 24
    jmp .next
.done:
    ret

ring3_table:
    call run_access_table
    ret

; ---- accessed / dirty ----------------------------------------------------------------------------
; prints "name: entry&FFF before -> after read -> after write"
ad_test:
    PRINTLN "accessed/dirty bits (entry AND FFF):"
    and dword [ptx], ~(PG_A | PG_D)
    and dword [pd + 0x100 * 4], ~PG_A
    invlpg [LBASE]
    PRINT "  pte 40000000: "
    mov eax, [ptx]
    and eax, 0xFFF
    HEX16 eax
    mov eax, [LBASE + 0x200]
    PRINT " read -> "
    mov eax, [ptx]
    and eax, 0xFFF
    HEX16 eax
    mov dword [LBASE + 0x200], 1
    PRINT " write -> "
    mov eax, [ptx]
    and eax, 0xFFF
    HEX16 eax
    PRINT " pde -> "
    mov eax, [pd + 0x100 * 4]
    and eax, 0xFFF
    HEX16 eax
    call putnl
    ; a 4 MiB page: A and D live in the PDE
    and dword [pd + 0x104 * 4], ~(PG_A | PG_D)
    invlpg [0x41000000]
    PRINT "  4M pde 41000000: "
    mov eax, [pd + 0x104 * 4]
    and eax, 0xFFF
    HEX16 eax
    mov eax, [0x41000200]
    PRINT " read -> "
    mov eax, [pd + 0x104 * 4]
    and eax, 0xFFF
    HEX16 eax
    mov dword [0x41000200], 2
    PRINT " write -> "
    mov eax, [pd + 0x104 * 4]
    and eax, 0xFFF
    HEX16 eax
    call putnl
    ; a write as the first access sets A and D together
    and dword [ptx + 4 * 4], 0
    mov eax, frames + 0x6000
    or eax, PG_P | PG_W | PG_U
    mov [ptx + 4 * 4], eax
    invlpg [LBASE + 0x4000]
    mov dword [LBASE + 0x4000], 3
    PRINT "  pte 40004000 (frame 6) first access a write -> "
    mov eax, [ptx + 4 * 4]
    and eax, 0xFFF
    HEX16 eax
    call putnl
    mov dword [ptx + 4 * 4], 0
    invlpg [LBASE + 0x4000]
    ret

; ---- INVLPG and CR3 reload ------------------------------------------------------------------------
invlpg_test:
    PRINTLN "invlpg / cr3 reload:"
    mov eax, [LBASE + 0x100]
    PRINT "  40000100 via frame 0: "
    HEX32 eax
    call putnl
    mov eax, frames + 0x7000                ; remap to frame 7
    or eax, PG_P | PG_W | PG_U
    mov [ptx], eax
    invlpg [LBASE]
    mov eax, [LBASE + 0x100]
    PRINT "  after remap to frame 7 + invlpg: "
    HEX32 eax
    call putnl
    mov dword [ptx], 0                      ; not present
    invlpg [LBASE]
    PRINTLN "  after clearing P + invlpg:"
    TRY .r1
    mov eax, [LBASE + 0x100]
    NOFAULT
.r1:
    mov eax, frames                         ; back to frame 0, flush all by reloading CR3
    or eax, PG_P | PG_W | PG_U
    mov [ptx], eax
    mov eax, cr3
    mov cr3, eax
    mov eax, [LBASE + 0x100]
    PRINT "  after restoring + cr3 reload: "
    HEX32 eax
    call putnl
    ; a 4 MiB alias and the identity map see the same physical memory
    mov dword [0x41000300], 0x12344321
    mov eax, [0x00400300]
    PRINT "  write 41000300, read identity 00400300: "
    HEX32 eax
    call putnl
    ; code written through one mapping runs through another (frame 1 via 40001000: RO U)
    mov byte [frames + 0x1000 + 0x40], 0xB8 ; mov eax, imm32
    mov dword [frames + 0x1000 + 0x41], 0x600DC0DE
    mov byte [frames + 0x1000 + 0x45], 0xC3 ; ret
    mov eax, 0
    call LBASE + 0x1040
    PRINT "  code written in frame 1, called at 40001040: eax="
    HEX32 eax
    call putnl
    mov dword [frames + 0x1000 + 0x41], 0x0BADC0DE
    call LBASE + 0x1040
    PRINT "  rewritten, called again: eax="
    HEX32 eax
    call putnl
    ret

test_main:
    PRINTLN "paging: 4 KiB and 4 MiB pages, #PF error codes and CR2, WP, A/D, INVLPG"
    call build_tables
    call fill_frames
    call enable_paging
    mov eax, cr0
    PRINT "cr0="
    HEX32 eax
    mov eax, cr4
    PRINT " cr4="
    HEX32 eax
    call putnl
    PRINT "signatures:"
    mov eax, [LBASE + 0x100]
    call putsp
    call puthex32
    mov eax, [LBASE + 0x1100]
    call putsp
    call puthex32
    mov eax, [LBASE + 0x2100]
    call putsp
    call puthex32
    mov eax, [LBASE + 0x3100]
    call putsp
    call puthex32
    mov eax, [0x40400100]
    call putsp
    call puthex32
    mov eax, [0x40800100]
    call putsp
    call puthex32
    mov eax, [0x41000100]
    call putsp
    call puthex32
    mov eax, [0x41400100]
    call putsp
    call puthex32
    mov eax, [0x41800100]
    call putsp
    call puthex32
    call putnl

    mov dword [cur_cpl], 0
    mov dword [cur_wp], 0
    call run_access_table
    mov ebx, 12
    call print_access_table

    mov eax, cr0
    or eax, 0x10000                         ; WP
    mov cr0, eax
    mov dword [cur_wp], 1
    call run_access_table
    mov ebx, 16
    call print_access_table

    mov dword [cur_cpl], 3
    mov eax, 3
    mov ebx, ring3_table
    xor ecx, ecx
    call ring_call
    mov ebx, 20
    call print_access_table
    mov eax, cr0
    and eax, ~0x10000
    mov cr0, eax

    call ad_test
    call invlpg_test

    mov eax, cr0                            ; paging off again
    and eax, 0x7FFFFFFF
    mov cr0, eax
    xor eax, eax
    mov cr3, eax
    mov cr4, eax
    PRINTLN "paging off"
    ret
