; iopl — CLI STI PUSHF POPF IRET IN OUT under every CPL × IOPL (Intel SDM vol. 1 3.4.3.3,
; vol. 2 CLI/STI/POPF/IRET/IN/OUT, vol. 1 19.5 I/O permission bitmap):
;   CLI/STI: #GP(0) when CPL > IOPL (no VME/PVI);
;   POPF/IRET: IOPL changes only at CPL 0; IF changes only when CPL <= IOPL — silently;
;   IN/OUT: when CPL > IOPL the TSS I/O bitmap decides (the runtime's bitmap denies every port
;   unless a test clears bits; ports past the TSS limit are always denied).
; Each cell starts with IF = 0. Line: "cpl C iopl I: cli=R sti=R pushf=F popf=F iret=F in=R out=R"
;   R = "#GP(err)" or "ok"/a value, F = EFLAGS AND (IOPL|IF|2) as seen by PUSHF afterwards;
;   POPF and IRET try to set IF and to set IOPL to 3 - I.
; The I/O port is the UART scratch register 0x3FF (the runtime sets it to 0xA5).

%include "rt.inc"

section .bss
res:        resd 8                          ; cli sti pushf popf iret in out
cell_fl:    resd 1                          ; the EFLAGS a cell starts with
cell_try:   resd 1                          ; EFLAGS image POPF/IRET try to load
cur_cpl:    resd 1
cur_iopl:   resd 1
io_port:    resd 1

section .text
; OP index, {insn}...: run quietly; record stores the fault marker or EAX in res[EDI]
%macro OP 2-5
    mov dword [last_vec], 0xFF
    mov dword [rec_eip], %%r
%rep %0 - 1
%rotate 1
    %1
%endrep
    mov dword [rec_eip], 0
%%r:
    call record
    push dword [cell_fl]                    ; back to the cell's flags (IF = 0)
    popfd
%endmacro

; EAX = result; index = first macro argument (via EDI)
record:
    cmp dword [last_vec], 0xFF
    je .v
    mov eax, [last_vec]
    shl eax, 16
    mov ax, [last_err]
    or eax, 0x80000000
.v: mov [res + edi * 4], eax
    ret

cell:                                       ; runs at the CPL under test
    mov dword [exc_quiet], 1
    mov edi, 0
    OP 0, {cli}, {pushfd}, {pop eax}
    mov edi, 1
    OP 1, {sti}, {pushfd}, {pop eax}
    mov edi, 2
    OP 2, {pushfd}, {pop eax}
    mov edi, 3
    OP 3, {push dword [cell_try]}, {popfd}, {call flags_now}
    mov edi, 4
    OP 4, {call iret_same}, {call flags_now}
    mov edi, 5
    OP 5, {mov edx, [io_port]}, {in al, dx}, {movzx eax, al}
    mov edi, 6
    OP 6, {mov edx, [io_port]}, {out dx, al}, {mov eax, 0}
    mov dword [exc_quiet], 0
    ret

flags_now:
    pushfd
    pop eax
    ret

; IRET to the same privilege level with the EFLAGS image in cell_try
iret_same:
    pop edx                                 ; return address
    push dword [cell_try]
    push cs
    push edx
    iretd

; EAX = CPL, EBX = IOPL
run_cell:
    mov [cur_cpl], eax
    mov [cur_iopl], ebx
    shl ebx, 12
    or ebx, 2
    mov [cell_fl], ebx
    mov ecx, [cur_iopl]
    neg ecx
    add ecx, 3
    shl ecx, 12
    or ecx, FL_IF | 2
    mov [cell_try], ecx
    mov edi, res
    mov ecx, 8
    mov eax, 0xEEEEEEEE
    rep stosd
    mov eax, [cur_cpl]
    test eax, eax
    jnz .outer
    push dword [cell_fl]
    popfd
    call cell
    push dword 2
    popfd
    jmp .print
.outer:
    mov ebx, cell
    mov ecx, [cell_fl]
    call ring_call
.print:
    PRINT "cpl "
    mov eax, [cur_cpl]
    add al, '0'
    call putc
    PRINT " iopl "
    mov eax, [cur_iopl]
    add al, '0'
    call putc
    PRINT ": cli="
    mov eax, [res]
    call print_res_fl
    PRINT " sti="
    mov eax, [res + 4]
    call print_res_fl
    PRINT " pushf="
    mov eax, [res + 8]
    call print_res_fl
    PRINT " popf="
    mov eax, [res + 12]
    call print_res_fl
    PRINT " iret="
    mov eax, [res + 16]
    call print_res_fl
    PRINT " in="
    mov eax, [res + 20]
    call print_res
    PRINT " out="
    mov eax, [res + 24]
    call print_res
    cmp dword [io_port], 0x3FF
    je .nl
    PRINT " (port "
    HEX16 [io_port]
    PRINT ")"
.nl:
    call putnl
    ret

print_res_fl:                               ; flags result: AND (IOPL|IF|2)
    test eax, eax
    js print_res
    and eax, FL_IOPL | FL_IF | 2
    jmp puthex16
print_res:
    test eax, eax
    jns .val
    cmp eax, 0x800D0000
    jb .other
    cmp eax, 0x800DFFFF
    ja .other
    PRINT "#GP("
    call puthex16
    PRINT ")"
    ret
.other:
    PRINT "exc:"
    jmp puthex32
.val:
    jmp puthex8

test_main:
    PRINTLN "iopl: CLI STI PUSHF POPF IRET IN OUT under every CPL x IOPL"
    mov al, 0xA5
    mov dx, 0x3FF
    out dx, al
    mov dword [io_port], 0x3FF
    xor esi, esi
.cpl:
    xor ebp, ebp
.iopl:
    mov eax, esi
    mov ebx, ebp
    call run_cell
    inc ebp
    cmp ebp, 4
    jb .iopl
    inc esi
    cmp esi, 4
    jb .cpl

    PRINTLN "I/O bitmap allows port 3FF (and not 3FE, 080, 400):"
    and byte [tss_iomap + 0x3FF / 8], ~(1 << (0x3FF & 7))
    mov dword [io_port], 0x3FF
    mov eax, 3
    xor ebx, ebx
    call run_cell
    mov dword [io_port], 0x3FE
    mov eax, 3
    xor ebx, ebx
    call run_cell
    mov dword [io_port], 0x80
    mov eax, 1
    xor ebx, ebx
    call run_cell
    PRINTLN "word access at 3FF needs the bits of 3FF and 400 (in the bitmap's final FF byte):"
    mov eax, 3
    mov ebx, r3_word_in
    xor ecx, ecx
    mov dword [exc_quiet], 1
    mov dword [last_vec], 0xFF
    call ring_call
    mov dword [exc_quiet], 0
    mov edi, 0
    call record
    PRINT "  in ax, 3FF at cpl 3 iopl 0: "
    call print_res
    call putnl
    or byte [tss_iomap + 0x3FF / 8], 1 << (0x3FF & 7)
    ret

r3_word_in:
    mov dx, 0x3FF
    TRY .r
    in ax, dx
    mov dword [rec_eip], 0
.r: movzx eax, al
    ret
