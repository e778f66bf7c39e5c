; entry.asm — Multiboot entry and the protected-mode runtime of the CPU test guests:
; GDT, IDT, TSS, PIC masking, exception handlers with recovery points, the two
; system-call gates (0x30 putc, 0x31 return to ring 0) and ring_call.

%include "defs.inc"

extern test_main, serial_init, putc_raw, puts, puthex8, puthex16, puthex32, putdec, putnl
extern __bss_start, __bss_end, text16_start

global _start, exit_guest, fail_count, rec_eip, rec_esp, exc_quiet
global last_vec, last_err, last_eip, last_cs, last_cr2, exc_count
global ring_call, ring_keep_segs, set_desc, set_gate, set_idt_gate, idt_default
global gdt, idt, tss, tss_iomap, gdtr_image, idtr_image
global kstack_top, istack_top, r1stack_top, r2stack_top, r3stack_top

%define IOMAP_BYTES 128             ; I/O permission bitmap for ports 0x000..0x3FF
%define TSS_LIMIT   (104 + IOMAP_BYTES + 1 - 1)

; ---- Multiboot v1 header ----------------------------------------------------------------------
section .multiboot
align 4
    dd 0x1BADB002                   ; magic
    dd 0                            ; flags: nothing requested
    dd -0x1BADB002                  ; checksum

; ---- GDT ---------------------------------------------------------------------------------------
%macro DESC 4                       ; base (constant), limit (20 bits), access, flags nibble
    dw (%2) & 0xFFFF
    dw (%1) & 0xFFFF
    db ((%1) >> 16) & 0xFF
    db %3
    db (((%2) >> 16) & 0x0F) | ((%4) << 4)
    db ((%1) >> 24) & 0xFF
%endmacro

section .data
align 8
gdt:
    dq 0                                    ; 0x00 null
    DESC 0, 0xFFFFF, 0x9B, 0xC              ; 0x08 code32 DPL0 (accessed bit preset)
    DESC 0, 0xFFFFF, 0x93, 0xC              ; 0x10 data32 DPL0
    DESC 0, 0xFFFFF, 0xBB, 0xC              ; 0x18 code32 DPL1
    DESC 0, 0xFFFFF, 0xB3, 0xC              ; 0x20 data32 DPL1
    DESC 0, 0xFFFFF, 0xDB, 0xC              ; 0x28 code32 DPL2
    DESC 0, 0xFFFFF, 0xD3, 0xC              ; 0x30 data32 DPL2
    DESC 0, 0xFFFFF, 0xFB, 0xC              ; 0x38 code32 DPL3
    DESC 0, 0xFFFFF, 0xF3, 0xC              ; 0x40 data32 DPL3
    dq 0                                    ; 0x48 TSS (filled by tss_init)
    dq 0                                    ; 0x50 code16 (filled at start: base = .text16)
    DESC 0, 0xFFFF, 0x93, 0x0               ; 0x58 data16 DPL0, base 0, limit 0xFFFF
    times (GDT_ENTRIES - 12) dq 0           ; 0x60.. free
gdt_end:

gdtr_image:
    dw gdt_end - gdt - 1
    dd gdt
idtr_image:
    dw 256 * 8 - 1
    dd idt

ring_stack_tops:
    dd 0, r1stack_top, r2stack_top, r3stack_top

; ---- state shared with the tests ------------------------------------------------------------------
align 4
fail_count: dd 0
rec_eip:    dd 0
rec_esp:    dd 0
exc_quiet:  dd 0
last_vec:   dd 0xFF
last_err:   dd 0
last_eip:   dd 0
last_cs:    dd 0
last_cr2:   dd 0
exc_count:  dd 0
ring0_saved_esp: dd 0
ring_keep_segs: dd 0                        ; 1: ring_call leaves DS ES FS GS as they are

section .rodata
exc_names:
    db "#DE#DBNMI#BP#OF#BR#UD#NM#DFCSO#TS#NP#SS#GP#PF---#MF#AC#MC#XM"
    times 12 db "#RS"
exc_has_err:                        ; 1 = the CPU pushes an error code for this vector
    db 0,0,0,0,0,0,0,0, 1,0,1,1,1,1,1,0, 0,1,0,0,0,0,0,0, 0,0,0,0,0,0,0,0

; ---- exception stubs ------------------------------------------------------------------------------
section .text
%macro EXC_STUB 1
exc_stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17
%else
    push dword 0                    ; no error code from the CPU: push a dummy
%endif
    push dword %1
    jmp exc_common
%endmacro

%assign v 0
%rep 32
    EXC_STUB v
%assign v v+1
%endrep

section .rodata
exc_stub_table:
%assign v 0
%rep 32
    dd exc_stub_ %+ v
%assign v v+1
%endrep

section .text
; ---- entry -------------------------------------------------------------------------------------
_start:
    cli
    cld
    lgdt [gdtr_image]
    jmp SEL_CODE0:.flat
.flat:
    mov ax, SEL_DATA0
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    ; zero .bss (stacks included) before anything uses the stack
    mov edi, __bss_start
    mov ecx, __bss_end
    sub ecx, edi
    shr ecx, 2
    xor eax, eax
    rep stosd
    mov esp, kstack_top
    push dword 2
    popfd                           ; IF=0, DF=0, IOPL=0, NT=0, AC=0
    mov eax, 0x00000011             ; PE | ET: paging, WP, caches-disabled and FPU bits clear
    mov cr0, eax
    xor eax, eax
    mov cr4, eax
    call serial_init
    call pic_init
    ; 16-bit code segment over .text16
    mov eax, SEL_CODE16
    mov ebx, text16_start
    mov ecx, 0xFFFF
    mov dx, 0x009B
    call set_desc
    call tss_init
    call idt_init
    xor eax, eax
    lldt ax
    call test_main
    mov esi, end_msg
    call puts
    mov eax, [fail_count]
    call putdec
    call putnl
    xor eax, eax
    cmp dword [fail_count], 0
    je .ok
    mov al, 2
.ok:
    jmp exit_guest

; AL = v: QEMU's isa-debug-exit ends the run with exit code (v << 1) | 1.
exit_guest:
    mov dx, 0x501
    out dx, al
.halt:
    cli
    hlt
    jmp .halt

; 8259A pair: initialise (vectors 0x20/0x28) and mask every line. No device interrupt
; ever reaches the tests, even where they set IF.
pic_init:
    mov al, 0x11
    out 0x20, al
    out 0xA0, al
    mov al, 0x20
    out 0x21, al
    mov al, 0x28
    out 0xA1, al
    mov al, 0x04
    out 0x21, al
    mov al, 0x02
    out 0xA1, al
    mov al, 0x01
    out 0x21, al
    out 0xA1, al
    mov al, 0xFF
    out 0x21, al
    out 0xA1, al
    ret

tss_init:
    mov dword [tss + 4], istack_top         ; ESP0
    mov dword [tss + 8], SEL_DATA0          ; SS0
    mov dword [tss + 12], r1istack_top      ; ESP1
    mov dword [tss + 16], SEL_DATA1         ; SS1
    mov dword [tss + 20], r2istack_top      ; ESP2
    mov dword [tss + 24], SEL_DATA2         ; SS2
    mov word [tss + 0x66], 104              ; I/O map base
    mov edi, tss_iomap
    mov ecx, IOMAP_BYTES + 1                ; all ports denied, plus the 0xFF terminator
    mov al, 0xFF
    rep stosb
    mov eax, SEL_TSS
    mov ebx, tss
    mov ecx, TSS_LIMIT
    mov dx, 0x0089                          ; present, DPL 0, 32-bit available TSS
    call set_desc
    mov ax, SEL_TSS
    ltr ax
    ret

idt_init:
    xor eax, eax
.l: call idt_default
    inc eax
    cmp eax, 32
    jb .l
    mov eax, 0x30
    call idt_default
    mov eax, 0x31
    call idt_default
    lidt [idtr_image]
    ret

; EAX = vector: the runtime's gate for it (exception stubs 0..31, 0x30, 0x31; else not present)
idt_default:
    push ebx
    push ecx
    push edx
    mov ecx, SEL_CODE0
    cmp eax, 32
    jae .sys
    mov ebx, [exc_stub_table + eax * 4]
    mov dl, 0x8E                            ; present, DPL 0, 32-bit interrupt gate
    jmp .set
.sys:
    mov dl, 0xEE                            ; DPL 3: callable by INT n from every ring
    mov ebx, sys_putc
    cmp eax, 0x30
    je .set
    mov ebx, sys_return
    cmp eax, 0x31
    je .set
    xor ebx, ebx
    xor ecx, ecx
    xor dl, dl
.set:
    call set_idt_gate
    pop edx
    pop ecx
    pop ebx
    ret

; EAX = selector, EBX = base, ECX = limit (20 bits), DL = access byte,
; DH = flags as in descriptor byte 6: G = 0x80, D/B = 0x40, AVL = 0x10 (low nibble ignored)
set_desc:
    push eax
    push ebx
    push ecx
    push edi
    and eax, 0xFFF8
    lea edi, [gdt + eax]
    mov [edi], cx
    mov [edi + 2], bx
    shr ebx, 16
    mov [edi + 4], bl
    mov [edi + 7], bh
    mov [edi + 5], dl
    shr ecx, 16
    and cl, 0x0F
    mov al, dh
    and al, 0xF0
    or cl, al
    mov [edi + 6], cl
    pop edi
    pop ecx
    pop ebx
    pop eax
    ret

; EAX = selector of a GDT slot, EBX = offset, ECX = target selector, DL = access byte, DH = param count
set_gate:
    push edi
    push eax
    and eax, 0xFFF8
    lea edi, [gdt + eax]
    call write_gate
    pop eax
    pop edi
    ret

; EAX = vector, EBX = offset, ECX = selector, DL = access byte
set_idt_gate:
    push edi
    push edx
    lea edi, [idt + eax * 8]
    xor dh, dh
    call write_gate
    pop edx
    pop edi
    ret

write_gate:                                 ; EDI = entry
    push ebx
    mov [edi], bx
    mov [edi + 2], cx
    mov [edi + 4], dh
    mov [edi + 5], dl
    shr ebx, 16
    mov [edi + 6], bx
    pop ebx
    ret

; ---- exceptions ---------------------------------------------------------------------------------
; Frame after the pushes below: [ebp+0] gs, +4 fs, +8 es, +12 ds, +16 pushad (edi esi ebp esp
; ebx edx ecx eax), +48 vector, +52 error code, +56 EIP, +60 CS, +64 EFLAGS, (+68 ESP, +72 SS)
exc_common:
    pushad
    push ds
    push es
    push fs
    push gs
    mov ax, SEL_DATA0
    mov ds, ax
    mov es, ax
    cld
    mov ebp, esp
    mov eax, [ebp + 48]
    mov [last_vec], eax
    mov eax, [ebp + 52]
    mov [last_err], eax
    mov eax, [ebp + 56]
    mov [last_eip], eax
    movzx eax, word [ebp + 60]
    mov [last_cs], eax
    mov eax, cr2
    mov [last_cr2], eax
    inc dword [exc_count]
    cmp dword [last_vec], 1                 ; #DB: stop single-stepping where we resume
    jne .notdb
    and dword [ebp + 64], ~FL_TF
.notdb:
    cmp dword [exc_quiet], 0
    jne .quiet
    call print_exc
.quiet:
    mov ecx, [rec_eip]
    test ecx, ecx
    jz .unexpected
    mov dword [rec_eip], 0
    mov edx, [rec_esp]
    test edx, edx
    jnz .jump
    mov [ebp + 56], ecx                     ; resume at the recovery point, same ring
    pop gs
    pop fs
    pop es
    pop ds
    popad
    add esp, 8
    iretd
.jump:                                      ; resume on the ring-0 stack saved by TRY_JMP
    mov dword [rec_esp], 0
    mov esp, edx
    mov ax, SEL_DATA0
    mov fs, ax
    mov gs, ax
    jmp ecx
.unexpected:
    cmp dword [exc_quiet], 0
    je .printed
    call print_exc
.printed:
    mov esi, unexpected_msg
    call puts
    mov al, 0x7E
    jmp exit_guest

; prints "  exc VV #XX err=EEEEEEEE eip=XXXXXXXX cs=CCCC cr2=..." for the frame at EBP
print_exc:
    mov esi, exc_msg
    call puts
    mov eax, [last_vec]
    call puthex8
    mov al, ' '
    call putc_raw
    mov ebx, [last_vec]
    cmp ebx, 32
    jae .noname
    lea esi, [ebx * 2 + ebx]
    add esi, exc_names
    mov al, [esi]
    call putc_raw
    mov al, [esi + 1]
    call putc_raw
    mov al, [esi + 2]
    call putc_raw
    cmp byte [exc_has_err + ebx], 0
    je .noerr
    mov esi, err_msg
    call puts
    mov eax, [last_err]
    call puthex32
.noerr:
    cmp ebx, 8                              ; #DF: the saved CS:EIP are undefined
    je .done
.noname:
    mov esi, eip_msg
    call puts
    mov eax, [last_eip]
    call puthex32
    mov esi, cs_msg
    call puts
    mov eax, [last_cs]
    call puthex16
    cmp ebx, 14
    jne .done
    mov esi, cr2_msg
    call puts
    mov eax, [last_cr2]
    call puthex32
.done:
    jmp putnl


; ---- system calls -------------------------------------------------------------------------------
; int 0x30: write the character in BL to COM1 (how code at CPL > 0 prints)
sys_putc:
    push eax
    push edx
    mov al, bl
    call putc_raw
    pop edx
    pop eax
    iretd

; int 0x31: leave the ring entered by ring_call; EAX is its result
sys_return:
    mov ebx, eax
    mov ax, SEL_DATA0
    mov ds, ax
    mov es, ax
    mov esp, [ring0_saved_esp]
    pop gs
    pop fs
    pop es
    pop ds
    mov [esp + 28], ebx                     ; EAX slot of PUSHAD
    popad
    popfd
    ret

; EAX = ring (1..3), EBX = function, ECX = EFLAGS image (IOPL, IF...) for it.
; Runs the function at that CPL on that ring's stack, with DS=ES=FS=GS=SS = the ring's data
; selector; the function returns with RET (to ring_exit, which executes INT 0x31).
; Returns the function's EAX; every other register and the flags are preserved.
ring_call:
    pushfd
    pushad
    push ds
    push es
    push fs
    push gs
    mov [ring0_saved_esp], esp
    and eax, 3
    mov edx, eax
    shl edx, 4
    lea esi, [edx + eax + SEL_CODE0]
    lea edi, [edx + eax + SEL_DATA0]
    mov ebp, [ring_stack_tops + eax * 4]
    sub ebp, 4
    mov dword [ebp], ring_exit
    push edi                                ; SS
    push ebp                                ; ESP
    or ecx, 2
    push ecx                                ; EFLAGS
    push esi                                ; CS
    push ebx                                ; EIP
    cmp dword [ring_keep_segs], 0
    jne .keep
    mov ds, di
    mov es, di
    mov fs, di
    mov gs, di
.keep:
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor esi, esi
    xor edi, edi
    xor ebp, ebp
    iretd

ring_exit:
    int 0x31

section .rodata
end_msg:        db "END fails=", 0
exc_msg:        db "  exc ", 0
err_msg:        db " err=", 0
eip_msg:        db " eip=", 0
cs_msg:         db " cs=", 0
cr2_msg:        db " cr2=", 0
unexpected_msg: db "UNEXPECTED EXCEPTION", 10, 0

section .bss
alignb 4096
idt:        resb 256 * 8
alignb 256
tss:        resb 104
tss_iomap:  resb IOMAP_BYTES + 1
alignb 16
            resb 16384
kstack_top:
            resb 8192
istack_top:
            resb 8192
r1stack_top:
            resb 4096
r1istack_top:
            resb 8192
r2stack_top:
            resb 4096
r2istack_top:
            resb 8192
r3stack_top:
