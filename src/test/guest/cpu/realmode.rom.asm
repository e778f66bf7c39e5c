; realmode — a 64 KiB ROM (QEMU -bios, Ringmaster run --rom) that starts at the reset vector
; F000:FFF0 with no BIOS: the processor's reset state (CR0, EFLAGS), COM1 and PIC set up by
; hand, real-mode segment arithmetic, 16-bit addressing, the IVT (INT n / IRET, the FLAGS
; image, IF/TF cleared on entry), exceptions through the IVT (#DE fault, #BP/#OF traps, #BR,
; #UD), 16-bit PUSHA/POPA/PUSH SP, far CALL/RETF, LDS/LES; then LGDT + CR0.PE: 16-bit protected
; mode (a code segment based at F0000), 32-bit protected mode (flat: memory above 1 MiB, the
; ROM's alias below 4 GiB, an IDT and INT3), back to real mode through a 16-bit segment
; (the IVT again) and "unreal" mode (a 4 GiB limit kept in FS's descriptor cache).
; Ends with OUT 0x501 (value 0: QEMU exit code 1). RAM used: 0x00500-0x0FFFF, 0x20000-0x2FFFF,
; 0x9F000-0x9FFFF (stack), 0x200000.

%define LIN(x) (0xF0000 + (x))              ; linear address of a ROM label (CS base F0000)
%define VARS 0x0500                         ; variables (segment 0)
%define V_VEC    (VARS + 0)
%define V_IP     (VARS + 2)
%define V_CS     (VARS + 4)
%define V_FL     (VARS + 6)
%define V_REC    (VARS + 8)                 ; recovery IP for the next exception (0 = none)
%define V_CR0    (VARS + 12)
%define V_EFL    (VARS + 16)
%define V_HFL    (VARS + 20)
%define V_HCOUNT (VARS + 24)
%define V_DELTA  (VARS + 28)
%define V_SP     (VARS + 30)
%define bound_lo (VARS + 0x40)
%define GDT_AT   0x0800
%define IDT_AT   0x1000

%define SEL_C32  0x08                       ; flat 32-bit code
%define SEL_D32  0x10                       ; flat 32-bit data, 4 GiB
%define SEL_C16  0x18                       ; 16-bit code, base F0000, limit FFFF
%define SEL_D16  0x20                       ; 16-bit data, base 0, limit FFFF (real-mode-like)
%define SEL_R16  0x28                       ; 16-bit data, base F0000 (the ROM's strings)

bits 16
org 0

; ---- 16-bit output --------------------------------------------------------------------------------
%macro PRINT 1+
    jmp %%after
%%s: db %1, 0
%%after:
    push si
    mov si, %%s
    call puts16
    pop si
%endmacro
%macro PRINTLN 1+
    PRINT %1, 10
%endmacro

putc16:                                     ; AL
    push ax
    push dx
    mov ah, al
    mov dx, 0x3FD
.w: in al, dx
    test al, 0x20
    jz .w
    mov al, ah
    mov dx, 0x3F8
    out dx, al
    pop dx
    pop ax
    ret

puts16:                                     ; CS:SI
    push ax
    push si
.l: mov al, [cs:si]
    test al, al
    jz .d
    call putc16
    inc si
    jmp .l
.d: pop si
    pop ax
    ret

puthex16:                                   ; AX
    push cx
    push ax
    mov cx, 4
.l: rol ax, 4
    push ax
    and al, 0x0F
    add al, '0'
    cmp al, '9'
    jbe .p
    add al, 7
.p: call putc16
    pop ax
    dec cx
    jnz .l
    pop ax
    pop cx
    ret

puthex32:                                   ; EAX
    push eax
    shr eax, 16
    call puthex16
    pop eax
    jmp puthex16

putnl16:
    push ax
    mov al, 10
    call putc16
    pop ax
    ret

; ---- reset ----------------------------------------------------------------------------------------
start:
    mov ebx, cr0                            ; the reset state, before anything changes it
    pushfd
    pop edx
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ax, 0x9000
    mov ss, ax
    mov sp, 0xFFF0
    mov [V_CR0], ebx
    mov [V_EFL], edx
    cld
    ; COM1: 115200 8N1, FIFOs, no interrupts
    mov dx, 0x3F9
    xor al, al
    out dx, al
    mov dx, 0x3FB
    mov al, 0x80
    out dx, al
    mov dx, 0x3F8
    mov al, 1
    out dx, al
    mov dx, 0x3F9
    xor al, al
    out dx, al
    mov dx, 0x3FB
    mov al, 3
    out dx, al
    mov dx, 0x3FA
    mov al, 7
    out dx, al
    mov dx, 0x3FC
    mov al, 3
    out dx, al
    ; PIC pair: initialise, vectors 08/70 as a BIOS would, then mask everything
    mov al, 0x11
    out 0x20, al
    out 0xA0, al
    mov al, 0x08
    out 0x21, al
    mov al, 0x70
    out 0xA1, al
    mov al, 4
    out 0x21, al
    mov al, 2
    out 0xA1, al
    mov al, 1
    out 0x21, al
    out 0xA1, al
    mov al, 0xFF
    out 0x21, al
    out 0xA1, al
    PRINTLN "realmode: reset vector, IVT, real -> protected (16/32) -> real"
    PRINT "reset state: cr0="
    mov eax, [V_CR0]
    call puthex32
    PRINT " eflags="
    mov eax, [V_EFL]
    call puthex32
    call putnl16
    call install_ivt
    call segments
    call addressing
    call ivt_tests
    call exceptions
    call misc16
    call to_protected
    PRINTLN "END fails=0"
    mov dx, 0x501
    xor al, al
    out dx, al
.halt:
    cli
    hlt
    jmp .halt

; ---- IVT ----------------------------------------------------------------------------------------
; vectors 0..7 → exc_N (record, print, resume at [V_REC]); 0x40 → int40
%macro RM_EXC 1
exc_%1:
    push word %1
    jmp exc_common
%endmacro
RM_EXC 0
RM_EXC 1
RM_EXC 2
RM_EXC 3
RM_EXC 4
RM_EXC 5
RM_EXC 6
RM_EXC 7

exc_table: dw exc_0, exc_1, exc_2, exc_3, exc_4, exc_5, exc_6, exc_7

install_ivt:
    xor ax, ax
    mov es, ax
    xor di, di
    xor bx, bx
.l: mov ax, [cs:exc_table + bx]
    mov [es:di], ax
    mov word [es:di + 2], 0xF000
    add di, 4
    add bx, 2
    cmp bx, 16
    jb .l
    mov word [es:0x40 * 4], int40
    mov word [es:0x40 * 4 + 2], 0xF000
    ret

exc_common:                                 ; [sp] vector, [sp+2] IP, [sp+4] CS, [sp+6] FLAGS
    push bp
    mov bp, sp
    push ax
    push ds
    xor ax, ax
    mov ds, ax
    mov ax, [bp + 2]
    mov [V_VEC], ax
    mov ax, [bp + 4]
    mov [V_IP], ax
    mov ax, [bp + 6]
    mov [V_CS], ax
    PRINT "  exc "
    mov ax, [V_VEC]
    call puthex16
    PRINT " ip="
    mov ax, [V_IP]
    call puthex16
    PRINT " cs="
    mov ax, [V_CS]
    call puthex16
    call putnl16
    mov ax, [V_REC]
    test ax, ax
    jz .unexpected
    mov [bp + 4], ax
    mov word [V_REC], 0
    pop ds
    pop ax
    pop bp
    add sp, 2
    iret
.unexpected:
    PRINTLN "UNEXPECTED EXCEPTION"
    mov dx, 0x501
    mov al, 0x7E
    out dx, al
    hlt

int40:                                      ; records the frame and the flags inside
    push bp
    mov bp, sp
    push ax
    push ds
    xor ax, ax
    mov ds, ax
    pushf
    pop word [V_HFL]
    mov ax, [bp + 2]
    mov [V_IP], ax
    mov ax, [bp + 4]
    mov [V_CS], ax
    mov ax, [bp + 6]
    mov [V_FL], ax
    inc word [V_HCOUNT]
    or word [bp + 6], 1                     ; return with CF set, BIOS style
    pop ds
    pop ax
    pop bp
    iret

; ---- real-mode tests ------------------------------------------------------------------------------
segments:
    PRINTLN "segment arithmetic:"
    mov ax, 0x1234
    mov ds, ax
    mov dword [0x0010], 0xCAFEBABE          ; linear 0x12350
    mov ax, 0x1235
    mov es, ax
    mov eax, [es:0x0000]
    mov bx, 0x1000
    mov fs, bx
    mov dword [fs:0x2350], 0x11223344       ; linear 0x12350 again
    mov ecx, [0x0010]
    xor bx, bx
    mov ds, bx
    PRINT "  1234:0010 via 1235:0000 = "
    call puthex32
    PRINT " after 1000:2350 write = "
    mov eax, ecx
    call puthex32
    call putnl16
    ret

addressing:
    PRINTLN "16-bit addressing (DS=2000, SS=9000 for BP forms):"
    mov ax, 0x2000
    mov es, ax
    xor di, di
    xor cx, cx
.fill:
    mov ax, cx
    imul ax, ax, 7
    xor al, ah
    stosb
    inc cx
    cmp cx, 0x200
    jb .fill
    mov word [ss:0x0110], 0x5555            ; SS-relative data for the BP forms
    mov word [ss:0x0112], 0xAAAA
    push ds
    mov ax, 0x2000
    mov ds, ax
    mov bx, 0x0100
    mov si, 0x0010
    mov di, 0x0020
    mov bp, 0x0100
    mov eax, [bx+si]
    call puthex32
    call space
    mov eax, [bx+di+0x7F]
    call puthex32
    call space
    mov ax, [bp+si]                         ; SS:0110
    call puthex16
    call space
    mov ax, [bp+si+2]
    call puthex16
    call space
    mov ax, [ds:bp+si]                      ; override: DS:0110
    call puthex16
    call space
    mov eax, [si+0x180]
    call puthex32
    call space
    mov eax, [di-0x10]
    call puthex32
    call space
    mov ax, [0x01F0]
    call puthex16
    call space
    lea ax, [bx+si-0x10]                    ; 0x0100 (disp8 -16)
    call puthex16
    call space
    lea ax, [bx+si+0x7000]                  ; 0x7110 (disp16)
    call puthex16
    pop ds
    call putnl16
    ret

space:
    push ax
    mov al, ' '
    call putc16
    pop ax
    ret

ivt_tests:
    PRINTLN "INT 0x40 through the IVT (IF=1 and TF=0 before; CF forced by the handler):"
    mov word [V_HCOUNT], 0
    push word 0x0202                        ; IF=1
    popf
    clc
    int 0x40
.ret:
    pushf
    pop dx
    cli
    PRINT "  pushed ip="
    mov ax, [V_IP]
    call puthex16
    cmp ax, .ret
    jne .bad
    PRINT "(ret)"
.bad:
    PRINT " cs="
    mov ax, [V_CS]
    call puthex16
    PRINT " flags="
    mov ax, [V_FL]
    and ax, 0x0FD7
    call puthex16
    PRINT " in handler="
    mov ax, [V_HFL]
    and ax, 0x0FD7
    call puthex16
    PRINT " after iret="
    mov ax, dx
    and ax, 0x0FD7
    call puthex16
    call putnl16
    ret

exceptions:
    PRINTLN "#DE div by zero (fault: ip of DIV):"
    mov word [V_REC], .r1
    xor dx, dx
    mov ax, 1
    xor cx, cx
.f1: div cx
.r1: mov ax, .f1
    call check_ip
    PRINTLN "#DE aam 0:"
    mov word [V_REC], .r2
.f2: aam 0
.r2: mov ax, .f2
    call check_ip
    PRINTLN "#BP int3 (trap):"
    mov word [V_REC], .r3
    int3
.r3: mov ax, .r3
    call check_ip
    PRINTLN "#OF into (trap):"
    mov al, 0x7F
    add al, 1
    mov word [V_REC], .r4
    into
.r4: mov ax, .r4
    call check_ip
    PRINTLN "#BR bound (fault):"
    mov word [bound_lo], 1
    mov word [bound_lo + 2], 3
    mov ax, 4
    mov word [V_REC], .r5
.f5: bound ax, [bound_lo]
.r5: mov ax, .f5
    call check_ip
    PRINTLN "#UD ud2 (fault):"
    mov word [V_REC], .r6
.f6: ud2
.r6: mov ax, .f6
    call check_ip
    ret

check_ip:                                   ; AX = expected IP of the last exception
    cmp ax, [V_IP]
    jne .bad
    PRINTLN "  ip ok"
    ret
.bad:
    PRINTLN "  ip WRONG"
    ret

farproc:
    mov ax, sp
    retf 2

misc16:
    PRINTLN "16-bit stack and far pointers:"
    mov ax, sp
    push sp
    pop bx
    sub ax, bx
    PRINT "  push sp - sp before = "
    call puthex16
    mov ax, 0x1111
    mov bx, 0x2222
    mov cx, 0x3333
    mov dx, 0x4444
    mov si, sp
    pusha
    mov bp, sp
    mov ax, [bp + 6]                        ; pushed SP = SP before PUSHA
    sub ax, si
    mov [V_DELTA], ax
    mov word [bp + 14], 0xABCD              ; AX slot
    popa
    PRINT " pusha sp slot delta="
    push ax
    mov ax, [V_DELTA]
    call puthex16
    pop ax
    PRINT " popa ax="
    call puthex16
    call putnl16
    mov bx, sp
    push word 0x7777
    call 0xF000:farproc
    sub bx, sp
    PRINT "  call far/retf 2: sp balance="
    mov ax, bx
    call puthex16
    call putnl16
    mov word [0x0600], 0x1234
    mov word [0x0602], 0x2000
    lds si, [0x0600]
    mov ax, ds
    xor cx, cx
    mov ds, cx
    PRINT "  lds: ds="
    call puthex16
    PRINT " si="
    mov ax, si
    call puthex16
    call putnl16
    ret

; ---- protected mode ------------------------------------------------------------------------------
gdt_rom:
    dq 0
    dw 0xFFFF, 0x0000, 0x9B00, 0x00CF       ; 08 code32 flat
    dw 0xFFFF, 0x0000, 0x9300, 0x00CF       ; 10 data32 flat 4 GiB
    dw 0xFFFF, 0x0000, 0x9B0F, 0x0000       ; 18 code16 base F0000 limit FFFF
    dw 0xFFFF, 0x0000, 0x9300, 0x0000       ; 20 data16 base 0 limit FFFF
    dw 0xFFFF, 0x0000, 0x930F, 0x0000       ; 28 data16 base F0000
gdt_rom_end:
gdtr_rom:
    dw gdt_rom_end - gdt_rom - 1
    dd GDT_AT
idtr_pm:
    dw 8 * 8 - 1
    dd IDT_AT
idtr_rm:
    dw 0x3FF
    dd 0

to_protected:
    PRINTLN "lgdt, cr0.pe=1, far jump to 16-bit protected mode:"
    ; copy the GDT to RAM (the processor may write accessed bits; the ROM is read-only)
    xor ax, ax
    mov es, ax
    mov si, gdt_rom
    mov di, GDT_AT
    mov cx, gdt_rom_end - gdt_rom
.copy:
    mov al, [cs:si]
    mov [es:di], al
    inc si
    inc di
    loop .copy
    cli
    mov [V_SP], sp
    o32 lgdt [cs:gdtr_rom]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp SEL_C16:pm16
pm16:
    mov ax, SEL_D16
    mov ds, ax
    mov es, ax
    mov ax, SEL_D32                         ; a 32-bit (B=1) stack: the same memory, via ESP
    mov ss, ax
    mov esp, 0x0009F800                     ; below the real-mode stack in use
    PRINT "  pmode16: cs="
    mov ax, cs
    call puthex16
    PRINT " msw="
    smsw ax
    call puthex16
    mov ax, 0x1234
    add ax, 0xEDCC
    pushf
    pop ax
    and ax, 0x08D5
    PRINT " add flags="
    call puthex16
    call putnl16
    jmp dword SEL_C32:LIN(pm32)

bits 32
%macro PRINT32 1+
    jmp %%after
%%s: db %1, 0
%%after:
    push esi
    mov esi, LIN(%%s)
    call puts32
    pop esi
%endmacro

putc32:
    push eax
    push edx
    mov ah, al
    mov dx, 0x3FD
.w: in al, dx
    test al, 0x20
    jz .w
    mov al, ah
    mov dx, 0x3F8
    out dx, al
    pop edx
    pop eax
    ret
puts32:
    push eax
    push esi
.l: mov al, [esi]
    test al, al
    jz .d
    call putc32
    inc esi
    jmp .l
.d: pop esi
    pop eax
    ret
puthex32_32:
    push ecx
    push eax
    mov ecx, 8
.l: rol eax, 4
    push eax
    and al, 0x0F
    add al, '0'
    cmp al, '9'
    jbe .p
    add al, 7
.p: call putc32
    pop eax
    dec ecx
    jnz .l
    pop eax
    pop ecx
    ret

pm32:
    mov ax, SEL_D32
    mov ds, ax
    mov es, ax
    mov fs, ax                              ; FS keeps its 4 GiB limit back in real mode
    mov gs, ax
    PRINT32 "  pmode32: cs="
    mov eax, cs
    call puthex32_32
    mov dword [0x00200000], 0x600DF00D      ; above 1 MiB
    mov eax, [0x00200000]
    PRINT32 " [200000]="
    call puthex32_32
    mov eax, [0xFFFFFFF0]                   ; the ROM's alias at the top of 4 GiB
    PRINT32 " [FFFFFFF0]="
    call puthex32_32
    mov eax, [LIN(0xFFF0)]
    PRINT32 " [F000:FFF0]="
    call puthex32_32
    mov al, 10
    call putc32
    ; a tiny IDT: vector 3 → bp32
    mov edi, IDT_AT
    mov ecx, 16
    xor eax, eax
    rep stosd
    mov eax, LIN(bp32)
    mov word [IDT_AT + 3 * 8], ax
    mov word [IDT_AT + 3 * 8 + 2], SEL_C32
    mov word [IDT_AT + 3 * 8 + 4], 0x8E00
    shr eax, 16
    mov word [IDT_AT + 3 * 8 + 6], ax
    lidt [LIN(idtr_pm)]
    int3
.after_bp:
    PRINT32 "  int3 through the IDT: pushed eip="
    mov eax, [0x00200004]
    cmp eax, LIN(.after_bp)
    jne .badeip
    PRINT32 "(next) cs="
.badeip:
    mov eax, [0x00200008]
    call puthex32_32
    mov al, 10
    call putc32
    ; back to real mode: through a 16-bit code segment with real-mode-like data segments
    jmp SEL_C16:pm16_back

bp32:
    push eax
    mov eax, [esp + 4]
    mov [0x00200004], eax
    mov eax, [esp + 8]
    mov [0x00200008], eax
    pop eax
    iretd

bits 16
pm16_back:
    mov ax, SEL_D16
    mov ds, ax
    mov es, ax
    mov gs, ax
    mov ss, ax
    mov esp, 0xFFF0
    mov eax, cr0
    and al, 0xFE
    mov cr0, eax
    jmp 0xF000:rm_again
rm_again:
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov gs, ax
    mov ax, 0x9000
    mov ss, ax
    mov sp, [V_SP]
    o32 lidt [cs:idtr_rm]
    PRINT "back in real mode: cs="
    mov ax, cs
    call puthex16
    PRINT " cr0="
    mov eax, cr0
    call puthex32
    call putnl16
    mov word [V_HCOUNT], 0
    int 0x40
    int 0x40
    PRINT "  int 0x40 twice through the IVT again: count="
    mov ax, [V_HCOUNT]
    call puthex16
    call putnl16
    ; unreal mode: FS still has the 4 GiB limit and base 0 from protected mode
    mov eax, [fs:dword 0x00200000]
    PRINT "  unreal fs:[200000]="
    call puthex32
    call putnl16
    xor ax, ax
    mov fs, ax
    ret

    times 0xFFF0 - ($ - $$) db 0xF4
reset_vector:
    jmp 0xF000:start
    times 0x10000 - ($ - $$) db 0xF4
