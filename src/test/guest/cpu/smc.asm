; smc — self-modifying code, written the way the Intel SDM (vol. 3 8.1.3) says is portable:
; store the new code as data, then jump (or call) to it. Checks that an emulator's decoded-block
; or translation cache notices writes to code: a patched immediate, a patched opcode, a loop that
; rewrites its own body on every iteration, code written with REP STOSB and then run, and a
; block patched after it already ran many times.

%include "rt.inc"

section .text
; mov eax, imm32 / ret — the immediate is patched
patch_imm:
    mov eax, 0x00000000
    ret

; one instruction whose opcode is patched: 40 = inc eax, 48 = dec eax, 90 = nop
patch_op:
    inc eax
    ret

; a loop whose ADD immediate is rewritten on every iteration (through a jump each time)
self_loop:
    xor eax, eax
    mov ecx, 10
.again:
    jmp .body
.body:
    add eax, strict dword 0
    mov edx, ecx
    imul edx, edx, 3
    mov [.body + 1], edx                    ; the next iteration adds 3 * (remaining count)
    dec ecx
    jnz .again
    ret

; room for code written at run time
sled:
    times 64 int3
    ret

; a hot block patched after it ran
hot:
    add eax, 1
    ret

test_main:
    PRINTLN "smc: self-modifying code (store, then jump)"
    mov dword [patch_imm + 1], 0x11111111
    call patch_imm
    mov ebx, eax
    mov dword [patch_imm + 1], 0x22222222
    call patch_imm
    CHECK eax, 0x22222222, "patched immediate"
    PRINT "patched immediate: "
    HEX32 ebx
    call putsp
    HEX32 eax
    call putnl

    mov eax, 100
    call patch_op
    mov byte [patch_op], 0x48               ; dec eax
    call patch_op
    call patch_op
    mov byte [patch_op], 0x90               ; nop
    call patch_op
    mov byte [patch_op], 0x40
    CHECK eax, 99, "patched opcode"
    PRINT "patched opcode: 100 +1 -1 -1 +0 = "
    DEC eax
    call putnl

    mov dword [self_loop.body + 1], 0
    call self_loop
    CHECK eax, 162, "self-rewriting loop"
    PRINT "self-rewriting loop: "
    DEC eax
    PRINTLN " (0 + 3*(10+9+...+2))"

    ; REP STOSB writes 60 NOPs over the INT3s, then a MOV EAX, imm32 before the RET
    mov edi, sled
    mov ecx, 59
    mov al, 0x90
    rep stosb
    mov byte [edi], 0xB8
    mov dword [edi + 1], 0x5EED5EED
    mov eax, 0
    call sled
    CHECK eax, 0x5EED5EED, "rep stosb code"
    PRINT "code written by rep stosb: "
    HEX32 eax
    call putnl

    xor eax, eax
    mov ecx, 1000
.warm:
    call hot
    loop .warm
    mov byte [hot + 2], 5                   ; add eax, 5
    mov ecx, 10
.hot2:
    call hot
    loop .hot2
    CHECK eax, 1050, "hot block"
    PRINT "hot block patched after 1000 runs: "
    DEC eax
    PRINTLN " (1000*1 + 10*5)"
    ret
