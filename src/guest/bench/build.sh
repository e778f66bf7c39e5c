#!/usr/bin/env bash
# build.sh — rebuilds the bench guest into src/main/resources/dev/ringmaster/bench/bench.elf
# (the image `ringmaster bench` runs by default). Needs nasm, gcc with -m32 (gcc-multilib), ld.
# Deterministic: the same sources and tools give the same bytes.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT="$ROOT/src/main/resources/dev/ringmaster/bench"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$HERE"
nasm -f elf32 -o "$TMP/entry.o" entry.asm
gcc -m32 -march=i686 -O2 -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
    -fno-asynchronous-unwind-tables -fno-builtin -mgeneral-regs-only -Wall -Wextra -Werror \
    -c -o "$TMP/bench.o" bench.c
LD=(ld -m elf_i386 -T link.ld --build-id=none -nostdlib -z noexecstack)
if ld --help 2>/dev/null | grep -q -- --no-warn-rwx-segments; then
    LD+=(--no-warn-rwx-segments)
fi
mkdir -p "$OUT"
"${LD[@]}" -o "$OUT/bench.elf" "$TMP/entry.o" "$TMP/bench.o"
echo "built $OUT/bench.elf"
