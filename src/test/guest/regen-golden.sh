#!/usr/bin/env bash
# regen-golden.sh [OUTDIR] — rebuilds the CPU test guests (build.sh OUTDIR) and rewrites the
# golden transcripts from QEMU: src/test/resources/golden/cpu/NAME.txt (what the guest wrote
# to COM1) and NAME.exit (QEMU's exit status). Goldens of guests that no longer exist are removed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${1:-$ROOT/target/test-guests}
GOLD=$ROOT/src/test/resources/golden/cpu

"$HERE/build.sh" "$OUT"
OUT=$(cd "$OUT" && pwd)
mkdir -p "$GOLD"
keep=()
while read -r name kind file; do
    set +e
    "$HERE/run-qemu.sh" "$kind" "$OUT/$file" "$GOLD/$name.txt"
    rc=$?
    set -e
    case $rc in
    124) echo "regen-golden.sh: $name timed out in QEMU" >&2; exit 1 ;;
    2|4) echo "regen-golden.sh: cannot run QEMU (status $rc)" >&2; exit 1 ;;
    esac
    echo "$rc" > "$GOLD/$name.exit"
    keep+=("$name.txt" "$name.exit")
    printf '%-14s exit %3d  %5d lines\n' "$name" "$rc" "$(wc -l < "$GOLD/$name.txt")"
done < "$OUT/images.txt"
for f in "$GOLD"/*; do
    [ -e "$f" ] || continue
    b=$(basename "$f")
    if ! printf '%s\n' "${keep[@]}" | grep -qxF "$b"; then
        echo "removing stale $b"
        rm -f "$f"
    fi
done
