#!/usr/bin/env bash
# Regenerates src/test/resources/guest/rmx-session.golden.txt: boots the committed rmx images
# (vm-templates/images/rmx) under QEMU with the scripted session as serial input, exactly as
# GuestBootsUnderQemuTest does (it is that test, run with -Dringmaster.guest.regenerate=true),
# and writes the raw serial transcript. Review the diff before committing it.
# Extra arguments go to Maven, e.g. -o for offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
./mvnw -q "$@" test -Dtest=GuestBootsUnderQemuTest -Dringmaster.guest.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false
git --no-pager diff --stat -- src/test/resources/guest/rmx-session.golden.txt
