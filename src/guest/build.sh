#!/usr/bin/env bash
# Builds the rmx guest and the hello-metal demo into OUT (default: vm-templates/images):
#   OUT/rmx/kernel.elf   Multiboot kernel
#   OUT/rmx/initrd.img   its RAM file system (user programs, /etc, /doc)
#   OUT/hello-metal/kernel.elf
# The build is reproducible: the same sources and the same toolchain (README.md) give the same
# bytes, whatever the checkout and output directories are.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/../../vm-templates/images}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

missing=()
for tool in gcc ld nasm cc; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "build.sh: missing tools: ${missing[*]} (Debian: apt-get install gcc gcc-multilib binutils nasm)" >&2
    exit 2
fi
if ! echo 'int x;' | gcc -m32 -x c -c -o /dev/null - 2>/dev/null; then
    echo "build.sh: gcc cannot compile for i386 (-m32): install gcc-multilib" >&2
    exit 2
fi

if [ -n "${RMX_BUILD_DIR:-}" ]; then       # keep the objects there (for debugging the build)
    BUILD="$(mkdir -p "$RMX_BUILD_DIR" && cd "$RMX_BUILD_DIR" && pwd)"
else
    BUILD="$(mktemp -d)"
    trap 'rm -rf "$BUILD"' EXIT
fi
cd "$HERE"                          # every path below is relative to src/guest

export LC_ALL=C SOURCE_DATE_EPOCH=0
CFLAGS=(-m32 -march=i686 -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdinc
        -isystem "$(gcc -m32 -print-file-name=include)" -Iinclude
        -fno-pic -fno-pie -fno-stack-protector -fcf-protection=none -fno-omit-frame-pointer
        -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-tree-loop-distribute-patterns
        -mgeneral-regs-only -mno-red-zone
        -Wall -Wextra -Werror -Wno-unused-parameter
        "-ffile-prefix-map=$HERE=src/guest" -fno-ident)
LDFLAGS=(-m elf_i386 --build-id=none -z max-page-size=0x1000 -z noexecstack -nostdlib)

cc_obj() {                          # cc_obj SOURCE OBJECT [extra flags]
    local src="$1" obj="$2"; shift 2
    mkdir -p "$(dirname "$obj")"
    gcc "${CFLAGS[@]}" "$@" -c "$src" -o "$obj"
}
asm_obj() {
    mkdir -p "$(dirname "$2")"
    nasm -f elf32 "$1" -o "$2"
}

# ---- kernel (link order is fixed: this list) ---------------------------------------------
KERNEL_ASM=(kernel/arch/boot.asm kernel/arch/isr.asm kernel/arch/cpu_ops.asm kernel/arch/switch.asm)
KERNEL_C=(kernel/main.c kernel/arch/gdt.c kernel/arch/idt.c kernel/arch/trap.c
          kernel/dev/console.c kernel/dev/serial.c kernel/dev/vga.c kernel/dev/pic.c kernel/dev/pit.c
          kernel/dev/kbd.c kernel/dev/tty.c kernel/dev/rtc.c
          kernel/mm/pmm.c kernel/mm/vmm.c
          kernel/proc.c kernel/sched.c kernel/exec.c kernel/elf.c kernel/syscall.c kernel/ringcheck.c
          kernel/fs/initrd.c kernel/fs/file.c kernel/fs/pipe.c
          common/string.c common/fmt.c)
objs=()
for s in "${KERNEL_ASM[@]}"; do asm_obj "$s" "$BUILD/$s.o"; objs+=("$BUILD/$s.o"); done
for s in "${KERNEL_C[@]}"; do cc_obj "$s" "$BUILD/$s.o"; objs+=("$BUILD/$s.o"); done
mkdir -p "$OUT/rmx"
ld "${LDFLAGS[@]}" -T kernel/kernel.ld -o "$OUT/rmx/kernel.elf" "${objs[@]}"


# ---- user programs and the initrd ----------------------------------------------------------
PROGRAMS=(init sh ls cat echo ps uname hostname date sleep spin crashme ringcheck
          sysbench pfbench ptbench ctxbench iobench cpubench)
LIBC=(user/lib/syscalls.c user/lib/stdio.c user/lib/bench.c common/string.c common/fmt.c)
UCFLAGS=(-ffunction-sections -fdata-sections -g0)
asm_obj user/lib/crt0.asm "$BUILD/user/crt0.o"
libobjs=("$BUILD/user/crt0.o")
for s in "${LIBC[@]}"; do cc_obj "$s" "$BUILD/user/$s.o" "${UCFLAGS[@]}"; libobjs+=("$BUILD/user/$s.o"); done
ROOT="$BUILD/root"
mkdir -p "$ROOT/bin"
cp -R rootfs/. "$ROOT/"
for prog in "${PROGRAMS[@]}"; do
    cc_obj "user/$prog.c" "$BUILD/user/$prog.o" "${UCFLAGS[@]}"
    ld "${LDFLAGS[@]}" --gc-sections -T user/lib/user.ld -o "$ROOT/bin/$prog" \
        "${libobjs[0]}" "$BUILD/user/$prog.o" "${libobjs[@]:1}"
done
cc -O2 -o "$BUILD/mkinitrd" tools/mkinitrd.c
"$BUILD/mkinitrd" "$OUT/rmx/initrd.img" "$ROOT"

# ---- hello-metal ----------------------------------------------------------------------------
mkdir -p "$OUT/hello-metal"
asm_obj hello-metal/hello.asm "$BUILD/hello.o"
ld "${LDFLAGS[@]}" -T hello-metal/hello.ld -o "$OUT/hello-metal/kernel.elf" "$BUILD/hello.o"

echo "built $OUT/rmx/kernel.elf, $OUT/rmx/initrd.img, $OUT/hello-metal/kernel.elf"
