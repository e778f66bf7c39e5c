; rings — privilege transitions (Intel SDM vol. 3 ch. 5–6):
;   IRET 0→3, 0→1, 0→2 and INT n back (stack from TSS.SS0:ESP0), the frame an interrupt gate
;   and a trap gate push from ring 3 and from ring 1 (IF cleared by the interrupt gate only);
;   call gates 3→0 (copying 3 parameters), 3→1 (TSS.SS1:ESP1), 1→0, 0→0 (no stack switch),
;   RETF imm16 to the outer ring (both stacks adjusted); data-segment nulling on RETF and IRET
;   to an outer ring (DS/ES/FS/GS with DPL < new CPL become null unless conforming code;
;   only the selectors are shown: QEMU TCG does not fault on a later use of a nulled DS);
;   conforming code called from ring 3 (CPL stays 3); and the #GP faults of wrong transfers:
;   far CALL to a non-conforming segment of another DPL, INT n through a DPL-0 gate, IRET and
;   RETF to an inner ring.
; Stack pointers are printed relative to the top of the stack they belong to.

%include "rt.inc"

%define SEL_CG30   (SEL_FREE + 0x00 + 3)    ; call gate DPL 3 → SEL_CODE0:cg_ring0, 3 params
%define SEL_CG31   (SEL_FREE + 0x08 + 3)    ; call gate DPL 3 → SEL_CODE1:cg_ring1, 1 param
%define SEL_CG10   (SEL_FREE + 0x10 + 1)    ; call gate DPL 1 → SEL_CODE0:cg_ring0b, 0 params
%define SEL_CG00   (SEL_FREE + 0x18)        ; call gate DPL 0 → SEL_CODE0:cg_same, 2 params
%define SEL_CONF0  (SEL_FREE + 0x20)        ; conforming code, DPL 0
%define SEL_CG3N   (SEL_FREE + 0x28 + 3)    ; call gate DPL 0 (not callable from ring 3)

section .bss
probe:      resd 8                          ; frame words seen by a handler
probe_esp:  resd 1
probe_fl:   resd 1
probe_cs:   resd 1
probe_ss:   resd 1
probe_n:    resd 1
segs_seen:  resd 4
r3_esp0:    resd 1

section .text
; ---- handlers ---------------------------------------------------------------------------------
; vectors 0x32 (interrupt gate, DPL 3) and 0x33 (trap gate, DPL 3): record the frame
frame_probe:
    mov [ss:probe_esp], esp
    push eax
    pushfd
    pop eax
    mov [ss:probe_fl], eax
    mov eax, cs
    mov [ss:probe_cs], eax
    mov eax, ss
    mov [ss:probe_ss], eax
    mov eax, [esp + 4]
    mov [ss:probe], eax
    mov eax, [esp + 8]
    mov [ss:probe + 4], eax
    mov eax, [esp + 12]
    mov [ss:probe + 8], eax
    mov eax, [esp + 16]
    mov [ss:probe + 12], eax
    mov eax, [esp + 20]
    mov [ss:probe + 16], eax
    pop eax
    iretd

; prints the probe as seen from CPL 0: "EIP=label CS EFLAGS(IF,IOPL) ESP(rel) SS | handler ..."
; EAX = expected EIP, EBX = stack top of the interrupted code (for a relative ESP)
print_probe:
    PRINT "  frame: eip"
    cmp eax, [probe]
    je .eipok
    PRINT "!="
    HEX32 [probe]
    jmp .cs
.eipok:
    PRINT "=ret"
.cs:
    PRINT " cs="
    HEX16 [probe + 4]
    PRINT " eflags&(IF|IOPL|status)="
    mov eax, [probe + 8]
    and eax, FL_IF | FL_IOPL | 0x8D5
    HEX32 eax
    test byte [probe + 4], 3
    jz .same
    PRINT " esp=top-"
    mov eax, ebx
    sub eax, [probe + 12]
    HEX16 eax
    PRINT " ss="
    HEX16 [probe + 16]
.same:
    call putnl
    PRINT "  handler: cs="
    HEX16 [probe_cs]
    PRINT " ss="
    HEX16 [probe_ss]
    PRINT " esp=istack_top-"
    mov eax, istack_top
    sub eax, [probe_esp]
    HEX16 eax
    PRINT " IF="
    mov eax, [probe_fl]
    shr eax, 9
    and eax, 1
    HEX8 eax
    call putnl
    ret

; ---- code run at CPL 3 / 1 / 2 through ring_call ------------------------------------------------
where_am_i:                                 ; prints CS SS DS ESP(rel) and CPL
    mov eax, cs
    PRINT "  cs="
    HEX16 eax
    mov eax, ss
    PRINT " ss="
    HEX16 eax
    mov eax, ds
    PRINT " ds="
    HEX16 eax
    PRINT " cpl="
    mov eax, cs
    and eax, 3
    HEX8 eax
    call putnl
    ret

r3_basic:
    call where_am_i
    int 0x32                                ; interrupt gate to ring 0
.ret1:
    mov eax, .ret1
    ret

r3_trap:
    int 0x33                                ; trap gate to ring 0
.ret2:
    mov eax, .ret2
    ret

r1_basic:
    call where_am_i
    int 0x32
.ret3:
    mov eax, .ret3
    ret

r2_basic:
    call where_am_i
    mov eax, 0x22
    ret

; call gate 3 → 0 with 3 parameters
r3_callgate:
    mov [r3_esp0], esp
    push dword 0x11111111
    push dword 0x22222222
    push dword 0x33333333
    call SEL_CG30:0xDEAD                    ; the offset is ignored: the gate supplies it
    mov ecx, [ss:r3_esp0]                   ; SS: DS may have been nulled by RETF
    sub ecx, esp                            ; 0: RETF 12 popped the parameters
    ; segment registers as they came back from ring 0 (DS/ES nulled, FS kept, GS nulled)
    mov [ss:segs_seen], ds
    mov [ss:segs_seen + 4], es
    mov [ss:segs_seen + 8], fs
    mov [ss:segs_seen + 12], gs
    ; (a nulled DS faults on use with #GP(0) — QEMU TCG does not check that: not tested)
    push ss
    pop ds
    push ss
    pop es
    PRINT "  after retf 12: esp balance="
    HEX32 ecx
    PRINT " ds="
    HEX16 [segs_seen]
    PRINT " es="
    HEX16 [segs_seen + 4]
    PRINT " fs="
    HEX16 [segs_seen + 8]
    PRINT " gs="
    HEX16 [segs_seen + 12]
    call putnl
    mov eax, cs
    ret

; call gate 3 → 1 (stack from TSS.SS1:ESP1), 1 parameter
r3_callgate1:
    mov [r3_esp0], esp
    push dword 0x4444
    call SEL_CG31:0
    mov ecx, [ss:r3_esp0]
    sub ecx, esp
    PRINT "  back in ring 3 from ring 1: esp balance="
    HEX32 ecx
    call putnl
    ret

; ring 1: call gate 1 → 0
r1_callgate:
    call SEL_CG10:0
    PRINT "  back in ring 1: eax="
    HEX32 eax
    mov eax, cs
    PRINT " cs="
    HEX16 eax
    call putnl
    ret

; ring 3: conforming code segment of DPL 0
r3_conforming:
    call SEL_CONF0:conf_code
    PRINT "  conforming code ran with cs="
    HEX16 eax
    call putnl
    ret

; ring 3: transfers that must fault
r3_faults:
    PRINTLN "  far call to non-conforming DPL 0 code:"
    TRY .r1
    call SEL_CODE0:conf_code
    NOFAULT
.r1:
    EXPECT 13, SEL_CODE0
    PRINTLN "  int 0x34 (gate DPL 0):"
    TRY .r2
    int 0x34
    NOFAULT
.r2:
    EXPECT 13, 0x34 * 8 + 2
    PRINTLN "  call gate of DPL 0 from ring 3:"
    TRY .r3
    call SEL_CG3N:0
    NOFAULT
.r3:
    EXPECT 13, SEL_CG3N & 0xFFFC
    PRINTLN "  iret to ring 0:"
    mov ebx, esp
    TRY .r4
    pushfd
    push dword SEL_CODE0
    push dword .r4
    iretd
    NOFAULT
.r4:
    mov esp, ebx
    EXPECT 13, SEL_CODE0
    PRINTLN "  retf to ring 0:"
    mov ebx, esp
    TRY .r5
    push dword SEL_CODE0
    push dword .r5
    retf
    NOFAULT
.r5:
    mov esp, ebx
    EXPECT 13, SEL_CODE0
    ret

; ---- ring-0 targets -----------------------------------------------------------------------------
cg_ring0:                                   ; entered from ring 3 through SEL_CG30
    mov [probe_esp], esp
    mov eax, [esp]
    mov [probe], eax                        ; EIP
    mov eax, [esp + 4]
    mov [probe + 4], eax                    ; CS
    mov eax, [esp + 8]
    mov [probe + 8], eax                    ; parameters (last pushed first)
    mov eax, [esp + 12]
    mov [probe + 12], eax
    mov eax, [esp + 16]
    mov [probe + 16], eax
    mov eax, [esp + 20]
    mov [probe + 20], eax                   ; ESP
    mov eax, [esp + 24]
    mov [probe + 24], eax                   ; SS
    mov eax, cs
    mov [probe_cs], eax
    mov eax, ss
    mov [probe_ss], eax
    ; segment registers for the nulling test
    mov ax, SEL_DATA0
    mov ds, ax                              ; DPL 0 data: nulled on return to ring 3
    mov ax, SEL_CONF0
    mov es, ax                              ; conforming code: kept
    mov ax, SEL_DATA3
    mov fs, ax                              ; DPL 3: kept
    mov ax, SEL_CODE0
    mov gs, ax                              ; non-conforming readable code, DPL 0: nulled
    retf 12

cg_ring1:                                   ; entered from ring 3 through SEL_CG31 (CPL 1)
    mov eax, cs
    mov [ss:probe_cs], eax
    mov eax, ss
    mov [ss:probe_ss], eax
    mov [ss:probe_esp], esp
    mov eax, [esp + 8]
    mov [ss:probe + 8], eax                 ; the parameter
    retf 4

cg_ring0b:                                  ; entered from ring 1 through SEL_CG10
    mov eax, [esp + 4]                      ; caller CS
    mov [probe + 4], eax
    mov eax, [esp + 12]                     ; caller SS
    mov [probe + 16], eax
    mov eax, cs
    shl eax, 16
    or eax, 0xB0
    retf

cg_same:                                    ; ring 0 → ring 0 through a gate: no stack switch
    mov eax, [esp + 4]
    mov [probe + 4], eax                    ; CS
    mov eax, esp
    retf

conf_code:
    mov eax, cs
    retf

; at CPL 3 after an IRET that kept the ring-0 segment registers (ring_keep_segs):
; record them (through SS: DS may be null now) and leave
r3_seg_probe:
    mov [ss:segs_seen], ds
    mov [ss:segs_seen + 4], es
    mov [ss:segs_seen + 8], fs
    mov [ss:segs_seen + 12], gs
    ret

test_main:
    PRINTLN "rings: INT/IRET, call gates, RETF, segment nulling"
    ; gates and descriptors
    mov eax, 0x32
    mov ebx, frame_probe
    mov ecx, SEL_CODE0
    mov dl, 0xEE                            ; interrupt gate, DPL 3
    call set_idt_gate
    mov eax, 0x33
    mov dl, 0xEF                            ; trap gate, DPL 3
    call set_idt_gate
    mov eax, 0x34
    mov dl, 0x8E                            ; interrupt gate, DPL 0
    call set_idt_gate
    mov eax, SEL_CG30
    mov ebx, cg_ring0
    mov ecx, SEL_CODE0
    mov dx, 0x03EC                          ; 32-bit call gate, DPL 3, 3 parameters
    call set_gate
    mov eax, SEL_CG31
    mov ebx, cg_ring1
    mov ecx, SEL_CODE1
    mov dx, 0x01EC
    call set_gate
    mov eax, SEL_CG10
    mov ebx, cg_ring0b
    mov ecx, SEL_CODE0
    mov dx, 0x00AC                          ; DPL 1
    call set_gate
    mov eax, SEL_CG00
    mov ebx, cg_same
    mov ecx, SEL_CODE0
    mov dx, 0x028C                          ; DPL 0, 2 parameters (not copied: same CPL)
    call set_gate
    mov eax, SEL_CG3N
    mov dx, 0x008C                          ; DPL 0
    call set_gate
    mov eax, SEL_CONF0
    xor ebx, ebx
    mov ecx, 0xFFFFF
    mov dx, 0xC09F                          ; present, DPL 0, conforming readable code
    call set_desc

    PRINTLN "ring 3 via IRET, INT 0x32 (interrupt gate) back to ring 0:"
    mov eax, 3
    mov ebx, r3_basic
    mov ecx, FL_IF                          ; IF=1 in ring 3 (all PIC lines are masked)
    call ring_call
    mov ebx, r3stack_top
    call print_probe
    PRINTLN "ring 3, INT 0x33 (trap gate):"
    mov eax, 3
    mov ebx, r3_trap
    mov ecx, FL_IF
    call ring_call
    mov ebx, r3stack_top
    call print_probe
    PRINTLN "ring 1 via IRET, INT 0x32 back to ring 0:"
    mov eax, 1
    mov ebx, r1_basic
    mov ecx, FL_IF | 0x1000                 ; IOPL 1
    call ring_call
    mov ebx, r1stack_top
    call print_probe
    PRINTLN "ring 2 via IRET:"
    mov eax, 2
    mov ebx, r2_basic
    xor ecx, ecx
    call ring_call
    PRINT "  returned "
    HEX32 eax
    call putnl

    PRINTLN "call gate ring 3 -> ring 0, 3 parameters, RETF 12:"
    mov eax, 3
    mov ebx, r3_callgate
    xor ecx, ecx
    call ring_call
    PRINT "  at ring 0: cs="
    HEX16 [probe_cs]
    PRINT " ss="
    HEX16 [probe_ss]
    PRINT " esp=istack_top-"
    mov eax, istack_top
    sub eax, [probe_esp]
    HEX16 eax
    PRINT " caller cs="
    HEX16 [probe + 4]
    PRINT " ss="
    HEX16 [probe + 24]
    PRINT " esp=top-"
    mov eax, r3stack_top
    sub eax, [probe + 20]
    HEX16 eax
    call putnl
    PRINT "  parameters: "
    HEX32 [probe + 8]
    call putsp
    HEX32 [probe + 12]
    call putsp
    HEX32 [probe + 16]
    call putnl

    PRINTLN "call gate ring 3 -> ring 1 (TSS.SS1:ESP1), 1 parameter:"
    mov eax, 3
    mov ebx, r3_callgate1
    xor ecx, ecx
    call ring_call
    PRINT "  at ring 1: cs="
    HEX16 [probe_cs]
    PRINT " ss="
    HEX16 [probe_ss]
    PRINT " esp=tss.esp1-"
    mov eax, [tss + 12]
    sub eax, [probe_esp]
    HEX16 eax
    PRINT " parameter="
    HEX32 [probe + 8]
    call putnl

    PRINTLN "call gate ring 1 -> ring 0:"
    mov eax, 1
    mov ebx, r1_callgate
    xor ecx, ecx
    call ring_call
    PRINT "  caller cs="
    HEX16 [probe + 4]
    PRINT " ss="
    HEX16 [probe + 16]
    call putnl

    PRINTLN "call gate ring 0 -> ring 0 (no stack switch, no parameter copy):"
    mov ebx, esp
    push dword 0xAA
    push dword 0xBB
    call SEL_CG00:0
    add esp, 8
    sub ebx, eax
    PRINT "  cs="
    HEX16 [probe + 4]
    PRINT " esp at target = esp before - "
    HEX16 ebx
    call putnl

    PRINTLN "conforming code from ring 3:"
    mov eax, 3
    mov ebx, r3_conforming
    xor ecx, ecx
    call ring_call

    PRINTLN "iret to ring 3 with DS/ES=DPL0 data, FS=DPL3 data, GS=DPL0 code:"
    mov ax, SEL_DATA3
    mov fs, ax
    mov ax, SEL_CODE0
    mov gs, ax
    mov dword [ring_keep_segs], 1
    mov eax, 3
    mov ebx, r3_seg_probe
    xor ecx, ecx
    call ring_call
    mov dword [ring_keep_segs], 0
    mov ax, SEL_DATA0
    mov fs, ax
    mov gs, ax
    PRINT "  ds="
    HEX16 [segs_seen]
    PRINT " es="
    HEX16 [segs_seen + 4]
    PRINT " fs="
    HEX16 [segs_seen + 8]
    PRINT " gs="
    HEX16 [segs_seen + 12]
    call putnl

    PRINTLN "faulting transfers from ring 3:"
    mov eax, 3
    mov ebx, r3_faults
    xor ecx, ecx
    call ring_call
    ret

