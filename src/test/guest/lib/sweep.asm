; sweep.asm — table-driven operand sweeps with an FNV-1a hash of every result.
;
; A test descriptor is 9 dwords (see SWEEP in sweep.inc):
;   +0 name (string)  +4 stub  +8 list A  +12 list B  +16 list F  +20 flag mask
;   +24 outputs to print (1=EAX 2=EBX 4=ECX 8=EDX)  +28 ECX input  +32 EDX input
; A list is a count followed by that many dwords. For every A, B, F (in that nesting order)
; the driver stores F in fl_in, loads EAX=A, EBX=B, ECX, EDX from the descriptor and calls
; the stub, which loads the flags from fl_in (FL_IN), executes the instruction(s) under test,
; stores the flags in fl_out (FL_OUT) and returns EAX..EDX. The driver hashes EAX, EBX, ECX,
; EDX, fl_out AND mask and the vector of any exception (0xFF = none) for every case, prints
; about show_lines of the cases in full ("name A B f=F : outputs fl=FLAGS [exc VV]") and a
; final line "name hash=HHHHHHHH n=N". Exceptions inside a stub are recorded silently; the
; stub sets rec_eip itself when it expects one (e.g. DIV).

%include "defs.inc"

extern puts, putc, puthex8, puthex16, puthex32, putdec, putnl, putsp
extern rec_eip, exc_quiet, last_vec

global hash_reset, hash_u32, hash_value, print_hash, fl_in, fl_out, run_tests, show_lines

section .data
align 4
hash_value: dd 0x811C9DC5
fl_in:      dd 2
fl_out:     dd 2
show_lines: dd 10
cur_desc:   dd 0
case_no:    dd 0
case_total: dd 0
case_stride: dd 1
ia:         dd 0
ib:         dd 0
iflag:      dd 0
in_a:       dd 0
in_b:       dd 0
out_r:      dd 0, 0, 0, 0           ; EAX EBX ECX EDX
out_f:      dd 0

section .text
hash_reset:
    mov dword [hash_value], 0x811C9DC5
    ret

; EAX: fold its 4 bytes (little-endian order) into hash_value (FNV-1a, 32 bit)
hash_u32:
    push eax
    push ecx
    push edx
    mov edx, [hash_value]
    mov ecx, 4
.l: xor dl, al
    imul edx, edx, 16777619
    shr eax, 8
    dec ecx
    jnz .l
    mov [hash_value], edx
    pop edx
    pop ecx
    pop eax
    ret

; ESI = name, EAX = number of cases: prints "name hash=HHHHHHHH n=N"
print_hash:
    call puts
    push esi
    mov esi, hash_msg
    call puts
    pop esi
    push eax
    mov eax, [hash_value]
    call puthex32
    pop eax
    push esi
    mov esi, n_msg
    call puts
    pop esi
    call putdec
    jmp putnl

; ESI = first descriptor; the table ends with a zero name
run_tests:
    pushad
.next:
    cmp dword [esi], 0
    je .done
    call run_one
    add esi, 36
    jmp .next
.done:
    popad
    ret

run_one:
    pushad
    mov [cur_desc], esi
    call hash_reset
    mov dword [case_no], 0
    mov ebx, [esi + 8]
    mov eax, [ebx]
    mov ebx, [esi + 12]
    imul eax, [ebx]
    mov ebx, [esi + 16]
    imul eax, [ebx]
    mov [case_total], eax
    xor edx, edx
    div dword [show_lines]
    or eax, 1                       ; odd stride: the shown cases vary in every list
    mov [case_stride], eax
    mov dword [ia], 0
.loop_a:
    mov dword [ib], 0
.loop_b:
    mov dword [iflag], 0
.loop_f:
    call run_case
    inc dword [iflag]
    mov esi, [cur_desc]
    mov ebx, [esi + 16]
    mov eax, [iflag]
    cmp eax, [ebx]
    jb .loop_f
    inc dword [ib]
    mov ebx, [esi + 12]
    mov eax, [ib]
    cmp eax, [ebx]
    jb .loop_b
    inc dword [ia]
    mov ebx, [esi + 8]
    mov eax, [ia]
    cmp eax, [ebx]
    jb .loop_a
    mov esi, [esi]
    mov eax, [case_total]
    call print_hash
    popad
    ret

run_case:
    mov esi, [cur_desc]
    mov ebx, [esi + 16]
    mov eax, [iflag]
    mov eax, [ebx + 4 + eax * 4]
    mov [fl_in], eax
    mov ebx, [esi + 8]
    mov eax, [ia]
    mov eax, [ebx + 4 + eax * 4]
    mov [in_a], eax
    mov ebx, [esi + 12]
    mov eax, [ib]
    mov eax, [ebx + 4 + eax * 4]
    mov [in_b], eax
    mov dword [last_vec], 0xFF
    mov dword [exc_quiet], 1
    mov dword [fl_out], 0
    push esi
    push edi
    push ebp
    mov ecx, [esi + 28]
    mov edx, [esi + 32]
    mov eax, [in_a]
    mov ebx, [in_b]
    call [esi + 4]
    pop ebp
    pop edi
    pop esi
    mov dword [exc_quiet], 0
    mov dword [rec_eip], 0
    mov [out_r], eax
    mov [out_r + 4], ebx
    mov [out_r + 8], ecx
    mov [out_r + 12], edx
    mov eax, [fl_out]
    and eax, [esi + 20]
    cmp dword [last_vec], 0xFF
    je .nofault
    xor eax, eax                    ; flags are meaningless after a fault
.nofault:
    mov [out_f], eax
    mov eax, [out_r]
    call hash_u32
    mov eax, [out_r + 4]
    call hash_u32
    mov eax, [out_r + 8]
    call hash_u32
    mov eax, [out_r + 12]
    call hash_u32
    mov eax, [out_f]
    call hash_u32
    mov eax, [last_vec]
    call hash_u32
    mov eax, [case_no]
    inc dword [case_no]
    xor edx, edx
    div dword [case_stride]
    test edx, edx
    jnz .ret
    ; "name A B f=F : r.. fl=FFFF"
    push esi
    mov esi, [esi]
    call puts
    pop esi
    call putsp
    mov eax, [in_a]
    call puthex32
    call putsp
    mov eax, [in_b]
    call puthex32
    push esi
    mov esi, f_msg
    call puts
    pop esi
    mov eax, [fl_in]
    call puthex16
    push esi
    mov esi, colon_msg
    call puts
    pop esi
    mov ebx, [esi + 24]
    xor ecx, ecx
.outs:
    bt ebx, ecx
    jnc .skip
    mov eax, [out_r + ecx * 4]
    call puthex32
    call putsp
.skip:
    inc ecx
    cmp ecx, 4
    jb .outs
    push esi
    mov esi, fl_msg
    call puts
    pop esi
    mov eax, [out_f]
    call puthex16
    cmp dword [last_vec], 0xFF
    je .nl
    push esi
    mov esi, exc_msg
    call puts
    pop esi
    mov eax, [last_vec]
    call puthex8
.nl:
    call putnl
.ret:
    ret

section .rodata
hash_msg:   db " hash=", 0
n_msg:      db " n=", 0
f_msg:      db " f=", 0
colon_msg:  db " : ", 0
fl_msg:     db "fl=", 0
exc_msg:    db " exc ", 0
