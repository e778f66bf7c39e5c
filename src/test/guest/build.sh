#!/usr/bin/env bash
# build.sh [OUTDIR] — builds every CPU test guest into OUTDIR (default: target/test-guests).
#
#   cpu/NAME.asm        → NAME.elf   Multiboot ELF (QEMU -kernel, Ringmaster run --kernel),
#                                    linked with the runtime in lib/
#   cpu/NAME.rom.asm    → NAME.rom   64 KiB raw ROM with the reset vector at its end
#                                    (QEMU -bios, Ringmaster run --rom)
#   cpu/NAME/*.c|*.asm  → NAME.elf   C program (gcc -m32 -O2 -ffreestanding) + the runtime
#
# Also writes OUTDIR/images.txt ("NAME KIND FILE" per line, KIND = kernel|rom) and
# OUTDIR/elf-files.txt (every ELF file built — linked images and objects — whose .text is
# 32-bit code: input for the disassembler's objdump comparison). Paths are relative to OUTDIR.
# The build is deterministic: the same sources and tools give byte-identical files.
set -euo pipefail
shopt -s nullglob

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${1:-$ROOT/target/test-guests}

fail() { echo "build.sh: $*" >&2; exit 2; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' not found: install $2 (Debian: apt-get install $2)"; }
need nasm nasm
need ld binutils
need gcc gcc
need objdump binutils
printf 'int x;\n' | gcc -m32 -x c -c -o /dev/null - 2>/dev/null \
    || fail "'gcc -m32' cannot compile: install gcc-multilib"
LIBGCC=$(gcc -m32 -print-libgcc-file-name)
[ -f "$LIBGCC" ] || fail "32-bit libgcc not found ($LIBGCC): install gcc-multilib"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rm -rf "$OUT/obj" "$OUT"/*.elf "$OUT"/*.rom "$OUT/images.txt" "$OUT/elf-files.txt"
mkdir -p "$OUT/obj/lib" "$OUT/obj/cpu"

# Relative source paths keep absolute directories out of the objects.
cd "$HERE"
NASM=(nasm -f elf32 -I lib/ -I cpu/)
CC=(gcc -m32 -march=i686 -O2 -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector
    -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-builtin -mgeneral-regs-only
    -mno-red-zone -Wall -Wextra -Werror -Ilib)
LD=(ld -m elf_i386 -T lib/link.ld --build-id=none -nostdlib -z noexecstack)
LD_HELP=$(ld --help 2>/dev/null || true)
if [[ $LD_HELP == *--no-warn-rwx-segments* ]]; then
    LD+=(--no-warn-rwx-segments)
fi

images=()
elves=()

RUNTIME=()
for src in lib/*.asm; do
    obj="obj/lib/$(basename "$src" .asm).o"
    "${NASM[@]}" -o "$OUT/$obj" "$src"
    RUNTIME+=("$OUT/$obj")
    elves+=("$obj")
done
LIBC_OBJ="obj/lib/libc.o"
"${CC[@]}" -c -o "$OUT/$LIBC_OBJ" lib/libc.c
elves+=("$LIBC_OBJ")

for src in cpu/*.asm; do
    case "$src" in
    *.rom.asm)
        name=$(basename "$src" .rom.asm)
        nasm -f bin -I lib/ -I cpu/ -o "$OUT/$name.rom" "$src"
        size=$(stat -c %s "$OUT/$name.rom")
        [ "$size" = 65536 ] || fail "$name.rom is $size bytes, want 65536"
        images+=("$name rom $name.rom")
        ;;
    *)
        name=$(basename "$src" .asm)
        obj="obj/cpu/$name.o"
        "${NASM[@]}" -o "$OUT/$obj" "$src"
        "${LD[@]}" -o "$OUT/$name.elf" "${RUNTIME[@]}" "$OUT/$obj"
        images+=("$name kernel $name.elf")
        elves+=("$obj" "$name.elf")
        ;;
    esac
done

for dir in cpu/*/; do
    name=$(basename "$dir")
    mkdir -p "$OUT/obj/cpu/$name"
    objs=()
    for src in "$dir"*.c "$dir"*.asm; do
        base=$(basename "$src")
        obj="obj/cpu/$name/${base%.*}.o"
        case "$src" in
        *.c) "${CC[@]}" -c -o "$OUT/$obj" "$src" ;;
        *.asm) "${NASM[@]}" -o "$OUT/$obj" "$src" ;;
        esac
        objs+=("$OUT/$obj")
        elves+=("$obj")
    done
    "${LD[@]}" -o "$OUT/$name.elf" "${RUNTIME[@]}" "${objs[@]}" "$OUT/$LIBC_OBJ" "$LIBGCC"
    images+=("$name kernel $name.elf")
    elves+=("$name.elf")
done

printf '%s\n' "${images[@]}" | LC_ALL=C sort > "$OUT/images.txt"
printf '%s\n' "${elves[@]}" | LC_ALL=C sort -u > "$OUT/elf-files.txt"
echo "build.sh: $(wc -l < "$OUT/images.txt") images, $(wc -l < "$OUT/elf-files.txt") ELF files in $OUT"
