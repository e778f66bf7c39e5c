; priv — privileged instructions: at CPL 1, 2 and 3 each must raise #GP(0) (Intel SDM vol. 3
; 5.9): HLT LGDT LIDT LLDT LTR LMSW MOV to/from CR0/CR2/CR3/CR4, MOV to/from DR0/DR7, CLTS
; INVD WBINVD INVLPG RDMSR WRMSR, and RDTSC when CR4.TSD = 1 (allowed when TSD = 0). Then at
; CPL 0 what they do: LMSW cannot clear PE, CLTS clears TS, CR0/CR3/CR4 and DR0-DR3 read back
; what was written, WRMSR/RDMSR of IA32_SYSENTER_CS, RDTSC allowed with TSD = 1.
; Table line: "name   cpl1=R cpl2=R cpl3=R" with R = "#GP(err)" or "ok" (no exception).

%include "rt.inc"

section .bss
results: resd 3 * 32                        ; [ring-1][instruction] = vector << 16 | error code
scratch: resd 4
cur_ring: resd 1

section .text
; PRIV "name", {insn}, {insn}...: a stub that arms the recovery point, runs the instructions
; (the last one is the privileged one) and returns
%macro PRIV 2-6
    [section .rodata]
%%n: db %1, 0
    [section .rodata.priv]
    dd %%n, %%stub
    __SECT__
%%stub:
    mov dword [rec_eip], %%r
%rep %0 - 1
%rotate 1
    %1
%endrep
%%r:
    ret
%endmacro

[section .rodata.priv]
priv_table:
__SECT__
PRIV "hlt", {hlt}
PRIV "lgdt", {lgdt [gdtr_image]}
PRIV "lidt", {lidt [idtr_image]}
PRIV "lldt", {xor eax, eax}, {lldt ax}
PRIV "ltr", {mov ax, SEL_TSS}, {ltr ax}
PRIV "lmsw", {mov ax, 0x0011}, {lmsw ax}
PRIV "mov cr0,eax", {mov eax, 0x11}, {mov cr0, eax}
PRIV "mov eax,cr0", {mov eax, cr0}
PRIV "mov eax,cr2", {mov eax, cr2}
PRIV "mov eax,cr3", {mov eax, cr3}
PRIV "mov cr3,eax", {xor eax, eax}, {mov cr3, eax}
PRIV "mov eax,cr4", {mov eax, cr4}
PRIV "mov cr4,eax", {xor eax, eax}, {mov cr4, eax}
PRIV "mov dr0,eax", {xor eax, eax}, {mov dr0, eax}
PRIV "mov eax,dr7", {mov eax, dr7}
PRIV "mov eax,dr0", {mov eax, dr0}
PRIV "clts", {clts}
PRIV "invd", {invd}
PRIV "wbinvd", {wbinvd}
PRIV "invlpg", {invlpg [scratch]}
PRIV "rdmsr", {mov ecx, 0x174}, {rdmsr}
PRIV "wrmsr", {mov ecx, 0x174}, {xor eax, eax}, {xor edx, edx}, {wrmsr}
PRIV "rdtsc(tsd=1)", {rdtsc}
[section .rodata.priv]
    dd 0
__SECT__

; runs the whole table at the current CPL, recording each outcome (quietly)
run_table:
    mov esi, priv_table
    mov edi, [cur_ring]
    dec edi
    imul edi, edi, 32 * 4
    add edi, results
.next:
    cmp dword [esi], 0
    je .done
    mov dword [last_vec], 0xFF
    mov dword [exc_quiet], 1
    push esi
    push edi
    call [esi + 4]
    pop edi
    pop esi
    mov dword [exc_quiet], 0
    mov dword [rec_eip], 0
    mov eax, [last_vec]
    shl eax, 16
    mov ax, [last_err]
    cmp dword [last_vec], 0xFF
    jne .store
    mov eax, 0xFFFFFFFF
.store:
    mov [edi], eax
    add edi, 4
    add esi, 8
    jmp .next
.done:
    ret

print_table:
    mov esi, priv_table
    xor ebx, ebx
.row:
    cmp dword [esi], 0
    je .done
    push esi
    mov esi, [esi]
    call puts
    pop esi
    mov ecx, 1
.col:
    PRINT " cpl"
    lea eax, [ecx + '0']
    call putc
    PRINT "="
    mov edi, ecx
    dec edi
    imul edi, edi, 32 * 4
    mov eax, [results + edi + ebx * 4]
    cmp eax, 0xFFFFFFFF
    je .ok
    cmp eax, 0x000D0000
    jb .other
    cmp eax, 0x000DFFFF
    ja .other
    PRINT "#GP("
    call puthex16
    PRINT ")"
    jmp .nextcol
.other:
    PRINT "vec/err "
    call puthex32
    jmp .nextcol
.ok:
    PRINT "ok"
.nextcol:
    inc ecx
    cmp ecx, 3
    jbe .col
    call putnl
    inc ebx
    add esi, 8
    jmp .row
.done:
    ret

ring_body:
    call run_table
    ret

cpl0_checks:
    ; LMSW loads PE MP EM TS but cannot clear PE
    mov eax, cr0
    mov ebx, eax
    mov ax, 0x000E                          ; PE=0 MP=1 EM=1 TS=1
    lmsw ax
    mov eax, cr0
    mov ecx, eax
    smsw edx
    mov eax, ebx
    mov cr0, eax
    PRINT "lmsw 000E: cr0="
    HEX32 ecx
    PRINT " smsw="
    HEX16 edx
    call putnl
    ; CLTS clears TS
    mov eax, cr0
    or eax, 8
    mov cr0, eax
    clts
    mov eax, cr0
    PRINT "clts: cr0="
    HEX32 eax
    call putnl
    ; CR3 and CR4 read back (paging is off: CR3 is only a register here)
    mov eax, 0x00ABC000
    mov cr3, eax
    mov eax, cr3
    PRINT "cr3="
    HEX32 eax
    mov eax, 0x00000010                     ; PSE
    mov cr4, eax
    mov eax, cr4
    PRINT " cr4="
    HEX32 eax
    xor eax, eax
    mov cr4, eax
    mov cr3, eax
    call putnl
    ; DR0..DR3 hold linear addresses
    mov eax, 0x11111111
    mov dr0, eax
    mov eax, 0x22222222
    mov dr1, eax
    mov eax, 0x33333333
    mov dr2, eax
    mov eax, 0x44444444
    mov dr3, eax
    PRINT "dr0-3:"
    mov eax, dr0
    call putsp
    call puthex32
    mov eax, dr1
    call putsp
    call puthex32
    mov eax, dr2
    call putsp
    call puthex32
    mov eax, dr3
    call putsp
    call puthex32
    call putnl
    xor eax, eax
    mov dr0, eax
    mov dr1, eax
    mov dr2, eax
    mov dr3, eax
    ; an architectural MSR: IA32_SYSENTER_CS
    mov ecx, 0x174
    mov eax, 0x00001234
    xor edx, edx
    wrmsr
    xor eax, eax
    rdmsr
    PRINT "wrmsr/rdmsr 174: "
    HEX32 edx
    PRINT ":"
    HEX32 eax
    call putnl
    xor eax, eax
    wrmsr
    ; RDTSC at CPL 0 with CR4.TSD = 1 is allowed; the counter does not go backwards
    mov eax, 4
    mov cr4, eax
    TRY .tsc
    rdtsc
    mov esi, eax
    mov edi, edx
    rdtsc
    mov dword [rec_eip], 0
    mov dword [last_vec], 0xFF
.tsc:
    sub eax, esi
    sbb edx, edi
    xor eax, eax
    mov cr4, eax
    PRINT "rdtsc at cpl 0 with tsd=1: "
    cmp dword [last_vec], 0xFF
    jne .fault
    test edx, edx
    js .back
    PRINTLN "ok, monotonic"
    ret
.back:
    PRINTLN "went backwards"
    ret
.fault:
    PRINTLN "faulted"
    ret

r3_rdtsc:
    TRY .r
    rdtsc
    mov dword [rec_eip], 0
    mov dword [last_vec], 0xFF
.r: mov eax, [last_vec]
    ret

test_main:
    PRINTLN "priv: privileged instructions at CPL 1, 2, 3 (IOPL 3) and at CPL 0"
    mov eax, 4                              ; CR4.TSD for the RDTSC row
    mov cr4, eax
    mov dword [cur_ring], 1
    mov eax, 1
    mov ebx, ring_body
    mov ecx, 0x3000                         ; IOPL 3: IOPL does not matter for these
    call ring_call
    mov dword [cur_ring], 2
    mov eax, 2
    mov ebx, ring_body
    mov ecx, 0x3000
    call ring_call
    mov dword [cur_ring], 3
    mov eax, 3
    mov ebx, ring_body
    mov ecx, 0x3000
    call ring_call
    xor eax, eax
    mov cr4, eax
    call print_table
    ; RDTSC at CPL 3 with TSD = 0 is allowed
    mov dword [last_vec], 0xFF
    mov dword [exc_quiet], 1
    mov eax, 3
    mov ebx, r3_rdtsc
    xor ecx, ecx
    call ring_call
    mov dword [exc_quiet], 0
    PRINT "rdtsc at cpl 3 with tsd=0: "
    cmp eax, 0xFF
    je .ok
    PRINTLN "faulted"
    inc dword [fail_count]
    jmp .cpl0
.ok:
    PRINTLN "ok"
.cpl0:
    call cpl0_checks
    ret
