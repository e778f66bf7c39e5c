#!/usr/bin/env bash
# run-qemu.sh KIND IMAGE SERIAL_OUT — runs one CPU test guest in QEMU, the oracle.
#   KIND = kernel (Multiboot ELF, -kernel) | rom (64 KiB ROM image, -bios)
# Everything the guest writes to COM1 goes to SERIAL_OUT. The exit status is QEMU's:
# (v << 1) | 1 when the guest writes v to the isa-debug-exit port 0x501, 0 when the guest
# shuts the machine down (triple fault; -no-reboot turns the reset into an exit).
# 124 = timeout (RM_QEMU_TIMEOUT seconds, default 60), 2 = usage, 4 = QEMU not installed.
# The QEMU command line lives only here: regen-golden.sh and the JUnit harness use this script.
set -uo pipefail
if [ $# -ne 3 ]; then
    echo "usage: run-qemu.sh kernel|rom IMAGE SERIAL_OUT" >&2
    exit 2
fi
kind=$1 image=$2 out=$3
case "$kind" in
kernel) boot=(-kernel "$image") ;;
rom) boot=(-bios "$image") ;;
*) echo "run-qemu.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
if ! command -v qemu-system-i386 >/dev/null 2>&1; then
    echo "run-qemu.sh: qemu-system-i386 not found: install qemu-system-x86" >&2
    exit 4
fi
rm -f "$out"
# pentium3: a P6 without surprises (PSE, PGE, CMOV, CX8, TSC, MSR; no PAE use, no NX).
# -nodefaults: no VGA, NIC, floppy, monitor; only COM1 (file) and the debug-exit device.
timeout --kill-after=5 "${RM_QEMU_TIMEOUT:-60}" \
    qemu-system-i386 -M pc -accel tcg -cpu pentium3 -m 32 -nodefaults -display none \
    -no-reboot -serial "file:$out" -device isa-debug-exit,iobase=0x501,iosize=2 "${boot[@]}"
