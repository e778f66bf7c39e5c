#!/usr/bin/env python3
"""sdm_model.py [GOLDEN_DIR] — an independent model of the sweep guests, written from the Intel
SDM pseudo-code, that recomputes every "name hash=H n=N" line of the alu, shift, muldiv, bcd,
bitops and movx goldens. It checks that QEMU (which produced the goldens) agrees with the SDM on every swept case,
within the documented flag masks. Exit status 0 when every hash matches.

Developer tool (not run by the build): python3 src/test/guest/tools/sdm_model.py
"""
import os
import re
import sys

M8, M16, M32 = 0xFF, 0xFFFF, 0xFFFFFFFF
CF, PF, AF, ZF, SF, OF = 0x1, 0x4, 0x10, 0x40, 0x80, 0x800
MASK = {8: M8, 16: M16, 32: M32}

# ---- operand lists (lib/lists.inc and the guests) ---------------------------------------------
L8A = [0xA5A5A500 | v for v in (0, 1, 2, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF, 0x0F, 0x10, 0x55, 0xAA, 0x08)]
L8B = [0x5A5A5A00 | v for v in (0, 1, 2, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF, 0x0F, 0x10, 0x55, 0xAA, 0x08)]
W16 = (0, 1, 2, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x00FF, 0x0100, 0x5555, 0xAAAA, 0x0F0F, 0x0080)
L16A = [0xA5A50000 | v for v in W16]
L16B = [0x5A5A0000 | v for v in W16]
L32 = [0, 1, 2, 0x7FFFFFFE, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF,
       0x0000FFFF, 0x00010000, 0x55555555, 0xAAAAAAAA, 0x0F0F0F0F, 0x12345678]
FL2 = [0x002, 0x8D7]
ONE0 = [0]


def parity(v):
    return PF if bin(v & 0xFF).count("1") % 2 == 0 else 0


def szp(r, size):
    r &= MASK[size]
    f = parity(r)
    if r == 0:
        f |= ZF
    if r >> (size - 1) & 1:
        f |= SF
    return f


def fnv(words):
    h = 0x811C9DC5
    for w in words:
        for k in range(4):
            h ^= (w >> (8 * k)) & 0xFF
            h = (h * 16777619) & M32
    return h


def merge(reg, val, size):
    return (reg & ~MASK[size] & M32) | (val & MASK[size])


# ---- ALU -------------------------------------------------------------------------------------
def alu(op, size, d, s, fin):
    """returns (result or None for CMP/TEST, flags) — flags only for the bits the SDM defines"""
    m = MASK[size]
    d &= m
    s &= m
    c = fin & CF
    top = 1 << (size - 1)
    if op in ("add", "adc"):
        r = d + s + (c if op == "adc" else 0)
        f = (CF if r > m else 0)
        r &= m
        f |= OF if (~(d ^ s) & (d ^ r) & top) else 0
        f |= AF if ((d ^ s ^ r) & 0x10) else 0
    elif op in ("sub", "sbb", "cmp"):
        r = d - s - (c if op == "sbb" else 0)
        f = CF if r < 0 else 0
        r &= m
        f |= OF if ((d ^ s) & (d ^ r) & top) else 0
        f |= AF if ((d ^ s ^ r) & 0x10) else 0
    elif op in ("and", "or", "xor", "test"):
        r = {"and": d & s, "test": d & s, "or": d | s, "xor": d ^ s}[op]
        f = 0
    elif op in ("inc", "dec"):
        r = (d + 1 if op == "inc" else d - 1) & m
        f = c
        f |= OF if (op == "inc" and r == top) or (op == "dec" and r == top - 1) else 0
        f |= AF if ((d ^ r) & 0x10) else 0
    elif op == "neg":
        r = (-d) & m
        f = CF if d else 0
        f |= OF if d == top else 0
        f |= AF if ((d ^ r) & 0x10) else 0
    elif op == "not":
        return (~d) & m, fin
    f |= szp(r, size)
    if op in ("cmp", "test"):
        return None, f
    return r, f


def alu_case(name, a, b, fin):
    """the stub named in the golden, evaluated: returns (eax, ebx, ecx, edx, flags)"""
    mm = re.match(r"(lock )?([a-z]+)(8|16|32)(?: (.*))?$", name)
    op, size, form = mm.group(2), int(mm.group(3)), mm.group(4) or ""
    eax, ebx, ecx, edx = a, b, 0, 0
    unary = op in ("inc", "dec", "neg", "not")
    imm = {"al,i": 0x80, "ax,i": 0x7FFF, "eax,i": 0x80000001, "r,i": {8: 0x7F, 16: 0x8000, 32: 0x7FFFFFFF}[size],
           "r,ib": {16: 0xFF80, 32: 0xFFFFFFFF}.get(size), "m,ib": 1}
    if form in ("", "m,r", "r,m", "m") or form.startswith("FF") or form.startswith("FE"):
        src_in_a = not (form.startswith("FE") or form == "ebx")
        if form.startswith("FE"):
            r, f = alu(op, size, ebx, 0, fin)
            ebx = merge(ebx, r, size)
            return eax, ebx, ecx, edx, f
        r, f = alu(op, size, eax, ebx, fin)
        if r is not None:
            eax = merge(eax, r, size)
        return eax, ebx, ecx, edx, f
    if form == "ebx":
        r, f = alu(op, size, ebx, 0, fin)
        ebx = merge(ebx, r, size)
        return eax, ebx, ecx, edx, f
    if form in ("al,i", "ax,i", "eax,i"):
        r, f = alu(op, size, eax, imm[form], fin)
        if r is not None:
            eax = merge(eax, r, size)
        return eax, ebx, ecx, edx, f
    if form in ("r,i", "r,ib", "m,ib"):
        r, f = alu(op, size, ebx, imm[form], fin)
        if r is not None:
            ebx = merge(ebx, r, size)
        return eax, ebx, ecx, edx, f
    raise ValueError(name)


# ---- shifts and rotates ------------------------------------------------------------------------
def shift(op, size, d, cnt, fin):
    m = MASK[size]
    d &= m
    c = cnt & 0x1F
    f = fin
    if op in ("rcl", "rcr"):
        n = c % (size + 1)
    elif op in ("rol", "ror"):
        n = c % size
    else:
        n = c
    if c == 0:
        return d, fin
    top = 1 << (size - 1)
    if op == "shl":
        r = (d << c) & m if c < 64 else 0
        cf = (d >> (size - c)) & 1 if c <= size else 0
        of = ((r >> (size - 1)) & 1) ^ cf
    elif op == "shr":
        r = d >> c
        cf = (d >> (c - 1)) & 1
        of = (d >> (size - 1)) & 1
    elif op == "sar":
        sd = d - (1 << size) if d & top else d
        r = (sd >> c) & m
        cf = (sd >> (c - 1)) & 1
        of = 0
    elif op == "rol":
        r = ((d << n) | (d >> (size - n))) & m if n else d
        cf = r & 1
        of = ((r >> (size - 1)) & 1) ^ cf
        return r, (fin & ~(CF | OF)) | (CF if cf else 0) | (OF if of else 0)
    elif op == "ror":
        r = ((d >> n) | (d << (size - n))) & m if n else d
        cf = (r >> (size - 1)) & 1
        of = ((r >> (size - 1)) ^ (r >> (size - 2))) & 1
        return r, (fin & ~(CF | OF)) | (CF if cf else 0) | (OF if of else 0)
    elif op in ("rcl", "rcr"):
        v = d | ((fin & CF) << size)          # size+1 bits: CF above the operand
        w = size + 1
        if op == "rcl":
            v = ((v << n) | (v >> (w - n))) & ((1 << w) - 1) if n else v
        else:
            v = ((v >> n) | (v << (w - n))) & ((1 << w) - 1) if n else v
        r = v & m
        cf = v >> size
        if op == "rcl":
            of = ((r >> (size - 1)) & 1) ^ cf
        else:
            of = ((r >> (size - 1)) ^ (r >> (size - 2))) & 1
        return r, (fin & ~(CF | OF)) | (CF if cf else 0) | (OF if of else 0)
    f = szp(r, size) | (CF if cf else 0) | (OF if of else 0)
    return r, f


def dshift(op, size, d, s, cnt, fin):
    m = MASK[size]
    d &= m
    s &= m
    c = cnt & 0x1F
    if c == 0:
        return d, fin
    if op == "shld":
        v = (d << size) | s
        r = (v << c >> size) & m
        cf = (d >> (size - c)) & 1
    else:
        v = (s << size) | d
        r = (v >> c) & m
        cf = (d >> (c - 1)) & 1
    of = ((r ^ d) >> (size - 1)) & 1
    return r, szp(r, size) | (CF if cf else 0) | (OF if of else 0)


def shift_case(name, a, b, fin, dcx):
    mm = re.match(r"(sh[lr]d|shl|shr|sar|rol|ror|rcl|rcr)(8|16|32) (.*)$", name)
    op, size, form = mm.group(1), int(mm.group(2)), mm.group(3)
    eax, ebx, ecx, edx = a, b, dcx, 0
    if op in ("shld", "shrd"):
        if form.startswith("cl=") or form.startswith("m,cl="):
            cnt = dcx
        else:
            cnt = int(re.search(r"i(\d+)", form).group(1))
        r, f = dshift(op, size, eax, ebx, cnt, fin)
        return merge(eax, r, size), ebx, ecx, edx, f
    if form.startswith("cl") or form == "m,cl":
        ecx = b
        cnt = b
    elif form in ("1", "m,1", "C1 i1"):
        cnt = 1
    elif form == "C1 i33":
        cnt = 33
    else:
        cnt = int(form[1:])
    r, f = shift(op, size, eax, cnt, fin)
    return merge(eax, r, size), ebx, ecx, edx, f


# ---- multiply / divide -------------------------------------------------------------------------
def sx(v, size):
    v &= (1 << size) - 1
    return v - (1 << size) if v >> (size - 1) else v


def mul_case(name, a, b, fin, dcx, ddx):
    eax, ebx, ecx, edx = a, b, dcx, ddx
    mm = re.match(r"(i?mul)(8|16|32)(?: (.*))?$", name)
    op, size, form = mm.group(1), int(mm.group(2)), mm.group(3) or ""
    m = MASK[size]
    if form in ("", "m"):
        x, y = eax & m, ebx & m
        if op == "imul":
            p = sx(x, size) * sx(y, size)
            over = p != sx(p, size)
        else:
            p = x * y
            over = p >> size != 0
        p &= (1 << (2 * size)) - 1
        if size == 8:
            eax = merge(eax, p, 16)
        else:
            eax = merge(eax, p & m, size)
            edx = merge(edx, p >> size, size)
        return eax, ebx, ecx, edx, OF | CF if over else 0
    if form.startswith("r,r,") or form.startswith("r,m,"):
        imm = {"-3": -3, "10001": 0x10001, "8001": sx(0x8001, 16), "7F": 0x7F, "100": 100}[form[4:]]
        src = ebx
        p = sx(src, size) * imm
    else:                                   # r,r / r,m: dest *= src
        p = sx(eax, size) * sx(ebx, size)
    over = p != sx(p, size)
    return merge(eax, p, size), ebx, ecx, edx, OF | CF if over else 0


def div_case(name, a, b, fin, dcx, ddx):
    eax, ebx, ecx, edx = a, b, dcx, ddx
    mm = re.match(r"(i?div)(8|16|32)", name)
    op, size = mm.group(1), int(mm.group(2))
    m = MASK[size]
    if size == 8:
        n, dv = eax & 0xFFFF, ebx & 0xFF
    else:
        n, dv = ((edx & m) << size) | (eax & m), ebx & m
    if dv == 0:
        return eax, ebx, ecx, edx, None
    if op == "div":
        q, r = divmod(n, dv)
        if q > m:
            return eax, ebx, ecx, edx, None
    else:
        sn, sd = sx(n, 2 * size), sx(dv, size)
        q = abs(sn) // abs(sd)
        if (sn < 0) != (sd < 0):
            q = -q
        r = sn - q * sd
        if q != sx(q, size):
            return eax, ebx, ecx, edx, None
    if size == 8:
        return merge(eax, ((r & 0xFF) << 8) | (q & 0xFF), 16), ebx, ecx, edx, 0
    return merge(eax, q, size), ebx, ecx, merge(edx, r, size), 0


# ---- BCD ---------------------------------------------------------------------------------------
def bcd_case(name, a, b, fin):
    eax, ebx = a, b
    al, ah = eax & 0xFF, (eax >> 8) & 0xFF
    cf, af = fin & CF, fin & AF
    if name in ("aaa", "aas", "aad 10", "aad 16", "aad 7", "aad 0", "aad 255"):
        ah = ebx & 0xFF
    if name == "daa":
        old_al, old_cf = al, cf
        f = 0
        if (al & 0xF) > 9 or af:
            al = (al + 6) & 0xFF
            f |= AF
        if old_al > 0x99 or old_cf:
            al = (al + 0x60) & 0xFF
            f |= CF
        f |= szp(al, 8)
    elif name == "das":
        old_al, old_cf = al, cf
        f = 0
        if (al & 0xF) > 9 or af:
            f |= AF
            if al < 6 or old_cf:
                f |= CF
            al = (al - 6) & 0xFF
        if old_al > 0x99 or old_cf:
            al = (al - 0x60) & 0xFF
            f |= CF
        f |= szp(al, 8)
    elif name in ("aaa", "aas"):
        ax = (ah << 8) | al
        if (al & 0xF) > 9 or af:
            if name == "aaa":
                ax = (ax + 0x106) & 0xFFFF
            else:
                ax = (ax - 6) & 0xFFFF
                ax = (ax - 0x100) & 0xFFFF
            f = AF | CF
        else:
            f = 0
        al, ah = ax & 0x0F, ax >> 8
    elif name.startswith("aam"):
        base = int(name.split()[1])
        if base == 0:
            return eax, ebx, 0, 0, None
        ah, al = al // base, al % base
        f = szp(al, 8)
    elif name.startswith("aad"):
        base = int(name.split()[1])
        al = (al + ah * base) & 0xFF
        ah = 0
        f = szp(al, 8)
    else:
        raise ValueError(name)
    return (eax & 0xFFFF0000) | (ah << 8) | al, ebx, 0, 0, f


# ---- sweep descriptors (as in the guests) -------------------------------------------------------
def alu_sweeps():
    out = []
    arith, logic = 0x8D5, 0x8C5
    ops = [("add", arith), ("adc", arith), ("sub", arith), ("sbb", arith), ("cmp", arith),
           ("and", logic), ("or", logic), ("xor", logic), ("test", logic),
           ("inc", arith), ("dec", arith), ("neg", arith), ("not", arith)]
    for op, mk in ops:
        out += [(f"{op}8", L8A, L8B, mk), (f"{op}16", L16A, L16B, mk), (f"{op}32", L32, L32, mk)]
    for op, mk in ops[:9]:
        out += [(f"{op}8 m,r", L8A, L8B, mk), (f"{op}16 m,r", L16A, L16B, mk), (f"{op}32 m,r", L32, L32, mk),
                (f"{op}8 al,i", L8A, ONE0, mk), (f"{op}16 ax,i", L16A, ONE0, mk), (f"{op}32 eax,i", L32, ONE0, mk),
                (f"{op}8 r,i", ONE0, L8B, mk), (f"{op}16 r,i", ONE0, L16B, mk), (f"{op}32 r,i", ONE0, L32, mk)]
        if op != "test":
            out += [(f"{op}32 r,ib", ONE0, L32, mk), (f"{op}16 r,ib", ONE0, L16B, mk), (f"{op}32 m,ib", ONE0, L32, mk)]
    for op, mk in ops[:8]:
        out += [(f"{op}8 r,m", L8A, L8B, mk), (f"{op}32 r,m", L32, L32, mk)]
    for op, mk in [o for o in ops[:8] if o[0] != "cmp"]:
        out += [(f"lock {op}32 m,r", L32, L32, mk)]
    for op, mk in ops[9:]:
        out += [(f"{op}8 m", L8A, ONE0, mk), (f"{op}32 m", L32, ONE0, mk), (f"{op}32 ebx", ONE0, L32, mk)]
    out += [("inc32 FF/0", L32, ONE0, arith), ("dec32 FF/1", L32, ONE0, arith), ("inc8 FE/0", ONE0, L8B, arith)]
    return [(n, a, b, FL2, mk, 0, 0, alu_case) for n, a, b, mk in out]


def shift_sweeps():
    CNT0, CNT1 = [0, 32, 0x40, 0xE0], [1, 0x21, 0x41]
    CNTN8, CNTB8 = [2, 3, 4, 7], [8, 9, 15, 16, 17, 24, 31, 0x3F]
    CNTN16, CNTB16 = [2, 3, 7, 8, 9, 15], [16, 17, 24, 31, 0x30, 0x3F]
    CNTN32 = [2, 3, 7, 8, 15, 16, 17, 24, 30, 31, 0x3F, 0xFF]
    CNTR = [2, 3, 7, 8, 9, 15, 16, 17, 18, 31, 0x3F, 0x69]
    M0, M1, MN, MBIG, MR1, MRN = 0x8D5, 0x8C5, 0x0C5, 0x0C4, 0x8D5, 0x0D5
    out = []
    for op, big in (("shl", MBIG), ("shr", MBIG), ("sar", MN)):
        out += [(f"{op}8 cl=0", L8A, CNT0, M0), (f"{op}8 cl=1", L8A, CNT1, M1), (f"{op}8 cl=n", L8A, CNTN8, MN),
                (f"{op}8 cl>=8", L8A, CNTB8, big), (f"{op}16 cl=0", L16A, CNT0, M0), (f"{op}16 cl=1", L16A, CNT1, M1),
                (f"{op}16 cl=n", L16A, CNTN16, MN), (f"{op}16 cl>=16", L16A, CNTB16, big),
                (f"{op}32 cl=0", L32, CNT0, M0), (f"{op}32 cl=1", L32, CNT1, M1), (f"{op}32 cl=n", L32, CNTN32, MN),
                (f"{op}32 m,cl", L32, CNTN32, MN)]
    for op in ("rol", "ror", "rcl", "rcr"):
        out += [(f"{op}8 cl=0", L8A, CNT0, M0), (f"{op}8 cl=1", L8A, CNT1, MR1), (f"{op}8 cl=n", L8A, CNTR, MRN),
                (f"{op}16 cl=0", L16A, CNT0, M0), (f"{op}16 cl=1", L16A, CNT1, MR1), (f"{op}16 cl=n", L16A, CNTR, MRN),
                (f"{op}32 cl=0", L32, CNT0, M0), (f"{op}32 cl=1", L32, CNT1, MR1), (f"{op}32 cl=n", L32, CNTR, MRN),
                (f"{op}32 m,cl", L32, CNTR, MRN)]
    res = [(n, a, b, FL2, mk, 0, 0, lambda nm, x, y, f, c=0: shift_case(nm, x, y, f, 0)) for n, a, b, mk in out]
    imm = []
    for op, m1, mn in (("shl", M1, MN), ("shr", M1, MN), ("sar", M1, MN), ("rol", MR1, MRN), ("ror", MR1, MRN),
                       ("rcl", MR1, MRN), ("rcr", MR1, MRN)):
        imm += [(f"{op}8 m,1", L8A, m1), (f"{op}32 1", L32, m1), (f"{op}16 1", L16A, m1), (f"{op}32 i5", L32, mn),
                (f"{op}16 i12", L16A, mn), (f"{op}8 i3", L8A, mn), (f"{op}32 i0", L32, M0),
                (f"{op}32 C1 i1", L32, m1), (f"{op}32 C1 i33", L32, m1)]
    res += [(n, a, ONE0, FL2, mk, 0, 0, lambda nm, x, y, f: shift_case(nm, x, y, f, 0)) for n, a, mk in imm]
    for op in ("shld", "shrd"):
        for nm, a, b, mk, c in [
                (f"{op}32 cl=0", L32, L32, M0, 0), (f"{op}32 cl=1", L32, L32, M1, 1), (f"{op}32 cl=4", L32, L32, MN, 4),
                (f"{op}32 cl=16", L32, L32, MN, 16), (f"{op}32 cl=31", L32, L32, MN, 31), (f"{op}32 cl=32", L32, L32, M0, 32),
                (f"{op}32 cl=33", L32, L32, M1, 33), (f"{op}32 cl=0x5F", L32, L32, MN, 0x5F),
                (f"{op}16 cl=0", L16A, L16B, M0, 0), (f"{op}16 cl=1", L16A, L16B, M1, 1), (f"{op}16 cl=4", L16A, L16B, MN, 4),
                (f"{op}16 cl=8", L16A, L16B, MN, 8), (f"{op}16 cl=15", L16A, L16B, MN, 15), (f"{op}16 cl=32", L16A, L16B, M0, 32),
                (f"{op}32 m,cl=12", L32, L32, MN, 12), (f"{op}32 i7", L32, L32, MN, 0), (f"{op}16 i1", L16A, L16B, M1, 0),
                (f"{op}16 m,i9", L16A, L16B, MN, 0)]:
            res.append((nm, a, b, FL2, mk, c, 0, lambda n2, x, y, f, c=c: shift_case(n2, x, y, f, c)))
    return res


def muldiv_sweeps():
    DIVS16 = [0x5A5A0000 | v for v in (0, 1, 2, 7, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x0100)]
    DIVS32 = [0, 1, 2, 7, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF, 0x00010000]
    DVD16 = [0xA5A50000 | v for v in (0, 1, 0x64, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFF80, 0xFF7F, 0xFFFF, 0x7F00, 0x1234)]
    D0 = 0xD0D0D0D0
    res = []
    for nm, a, b, dx in [("mul8", L8A, L8B, D0), ("mul16", L16A, L16B, D0), ("mul32", L32, L32, D0),
                         ("imul8", L8A, L8B, D0), ("imul16", L16A, L16B, D0), ("imul32", L32, L32, D0),
                         ("imul32 r,r", L32, L32, D0), ("imul16 r,r", L16A, L16B, D0),
                         ("mul32 m", L32, L32, D0), ("mul8 m", L8A, L8B, D0), ("imul32 m", L32, L32, D0),
                         ("imul8 m", L8A, L8B, D0), ("imul32 r,m", L32, L32, 0), ("imul32 r,r,-3", ONE0, L32, 0),
                         ("imul32 r,r,10001", ONE0, L32, 0), ("imul16 r,r,8001", L16A, L16B, 0),
                         ("imul16 r,r,7F", L16A, L16B, 0), ("imul32 r,m,100", ONE0, L32, 0)]:
        res.append((nm, a, b, FL2, 0x801, 0, dx, lambda n2, x, y, f, dx=dx: mul_case(n2, x, y, f, 0, dx)))
    for nm, a, b, dx in [("div8", DVD16, L8B, D0), ("div16 dx=0", L16A, DIVS16, 0xD0D00000),
                         ("div16 dx=7", L16A, DIVS16, 0xD0D00007), ("div32 edx=0", L32, DIVS32, 0),
                         ("div32 edx=1", L32, DIVS32, 1), ("div32 edx=7FFFFFFF", L32, DIVS32, 0x7FFFFFFF),
                         ("idiv8", DVD16, L8B, D0), ("idiv16 dx=0", L16A, DIVS16, 0xD0D00000),
                         ("idiv16 dx=FFFF", L16A, DIVS16, 0xD0D0FFFF), ("idiv32 edx=0", L32, DIVS32, 0),
                         ("idiv32 edx=FFFFFFFF", L32, DIVS32, 0xFFFFFFFF), ("idiv32 edx=3", L32, DIVS32, 3),
                         ("div32 m edx=0", L32, DIVS32, 0), ("idiv32 m edx=FFFFFFFF", L32, DIVS32, 0xFFFFFFFF),
                         ("div8 m", DVD16, L8B, 0), ("idiv8 m", DVD16, L8B, 0)]:
        res.append((nm, a, b, FL2, 0, 0, dx, lambda n2, x, y, f, dx=dx: div_case(n2, x, y, f, 0, dx)))
    return res


def bcd_sweeps():
    ALL_AL = [0xC3C3A500 + i for i in range(256)]
    AHS = [0x00, 0x01, 0x09, 0x7F, 0xFF]
    FLBCD = [0x002, 0x003, 0x012, 0x013, 0x8C6, 0x8D7]
    res = []
    for nm, b, mk in [("daa", ONE0, 0x0D5), ("das", ONE0, 0x0D5), ("aaa", AHS, 0x011), ("aas", AHS, 0x011),
                      ("aam 10", ONE0, 0x0C4), ("aam 16", ONE0, 0x0C4), ("aam 7", ONE0, 0x0C4),
                      ("aam 1", ONE0, 0x0C4), ("aam 255", ONE0, 0x0C4), ("aam 0", ONE0, 0x0C4),
                      ("aad 10", AHS, 0x0C4), ("aad 16", AHS, 0x0C4), ("aad 7", AHS, 0x0C4),
                      ("aad 0", AHS, 0x0C4), ("aad 255", AHS, 0x0C4)]:
        res.append((nm, ALL_AL, b, FLBCD, mk, 0, 0, bcd_case))
    return res


# ---- bit operations (with the bit string of the bitops guest) -----------------------------------
class BitString:
    def __init__(self):
        self.mem = bytearray(((i * 37 + 11) & 0xFF) for i in range(512)) + bytearray(16)

    def dword(self, byte_off):
        o = 256 + byte_off
        return int.from_bytes(self.mem[o:o + 4], "little")

    def op(self, kind, bit_off):
        o = 256 + (bit_off >> 3)
        bit = bit_off & 7
        cf = (self.mem[o] >> bit) & 1
        if kind == "bts":
            self.mem[o] |= 1 << bit
        elif kind == "btr":
            self.mem[o] &= ~(1 << bit) & 0xFF
        elif kind == "btc":
            self.mem[o] ^= 1 << bit
        return cf


BITS = BitString()


def bt_reg(kind, v, bit):
    cf = (v >> bit) & 1
    if kind == "bts":
        v |= 1 << bit
    elif kind == "btr":
        v &= ~(1 << bit)
    elif kind == "btc":
        v ^= 1 << bit
    return v, cf


def bitops_case(name, a, b, fin):
    eax, ebx, ecx, edx = a, b, 0, 0
    mm = re.match(r"(bt[src]?)(16|32) (.*)$", name)
    if mm:
        kind, size, form = mm.group(1), int(mm.group(2)), mm.group(3)
        if form == "m,r":
            off = sx(ebx, size)
            cf = BITS.op(kind, off)
            edx = BITS.dword(((off >> 5) * 4) if size == 32 else ((off >> 4) * 2))
        else:
            bit = {"r,r": ebx & (size - 1), "r,33": 1, "r,15": 15, "m,30": 30}[form]
            r, cf = bt_reg(kind, eax & MASK[size], bit)
            eax = merge(eax, r, size)
        return eax, ebx, ecx, edx, (fin & ~CF) | cf
    mm = re.match(r"(bs[fr])(16|32)", name)
    if mm:
        kind, size = mm.group(1), int(mm.group(2))
        src = ebx & MASK[size]
        if src == 0:
            return 0xDEADDEAD, ebx, ecx, edx, ZF
        idx = (src & -src).bit_length() - 1 if kind == "bsf" else src.bit_length() - 1
        return merge(eax, idx, size), ebx, ecx, edx, 0
    if name.startswith("bswap"):
        if name.endswith("eax"):
            return int.from_bytes(eax.to_bytes(4, "little"), "big"), ebx, ecx, edx, fin
        return eax, int.from_bytes(ebx.to_bytes(4, "little"), "big"), ecx, edx, fin
    mm = re.match(r"(?:lock )?(xadd|cmpxchg)(8|16|32)", name)
    kind, size = mm.group(1), int(mm.group(2))
    if kind == "xadd":
        r, f = alu("add", size, eax, ebx, fin)
        return merge(eax, r, size), merge(ebx, eax, size), ecx, edx, f
    ecx = 0x11223344
    _, f = alu("cmp", size, eax, ebx, fin)
    if (eax ^ ebx) & MASK[size] == 0:
        ebx = merge(ebx, ecx, size)
    else:
        eax = merge(eax, ebx, size)
    return eax, ebx, ecx, edx, f


def bitops_sweeps():
    BITIDX32 = [0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 0xFFFFFFFF, 0x80000000, 0x12345678]
    BITIDX16 = [0x5A5A0000 | v for v in (0, 1, 7, 0xF, 0x10, 0x11, 0x1F, 0xFFFF)]
    BITOFF32 = [v & M32 for v in (0, 1, 31, 32, 33, 100, 511, 1023, 2047, -1, -2, -31, -32, -33, -100, -512, -1024, -2048)]
    BITOFF16 = [0xABCD0000 | v for v in (0, 1, 0xF, 0x10, 0x11, 0x64, 0x1FF, 0x7FF, 0xFFFF, 0xFFFE, 0xFFF0, 0xFFEF,
                                          0xFF9C, 0xF800)]
    BSCAN = [0, 1, 2, 3, 0x80000000, 0xFFFFFFFF, 0x00010000, 0x00008000, 0x00018000, 0x12345678, 0xA5A50000,
             0x5A5A0001, 0x00000100, 0x40000000]
    out = []
    for op in ("bt", "bts", "btr", "btc"):
        out += [(f"{op}32 r,r", L32, BITIDX32, 0x041), (f"{op}16 r,r", L16A, BITIDX16, 0x041),
                (f"{op}32 r,33", L32, ONE0, 0x041), (f"{op}16 r,15", L16A, ONE0, 0x041),
                (f"{op}32 m,30", L32, ONE0, 0x041), (f"{op}32 m,r", ONE0, BITOFF32, 0x041),
                (f"{op}16 m,r", ONE0, BITOFF16, 0x041)]
    out += [("bsf32", ONE0, BSCAN, 0x040), ("bsf16", L16A, BSCAN, 0x040), ("bsf32 r,m", ONE0, BSCAN, 0x040),
            ("bsr32", ONE0, BSCAN, 0x040), ("bsr16", L16A, BSCAN, 0x040), ("bsr32 r,m", ONE0, BSCAN, 0x040),
            ("bswap eax", L32, ONE0, 0x8D5), ("bswap ebx", ONE0, L32, 0x8D5),
            ("xadd32", L32, L32, 0x8D5), ("xadd16", L16A, L16B, 0x8D5), ("xadd8", L8A, L8B, 0x8D5),
            ("lock xadd32 m,r", L32, L32, 0x8D5), ("cmpxchg32", L32, L32, 0x8D5), ("cmpxchg16", L16A, L16A, 0x8D5),
            ("cmpxchg8", L8A, L8A, 0x8D5), ("lock cmpxchg32 m,r", L32, L32, 0x8D5)]
    return [(n, a, b, FL2, mk, 0, 0, bitops_case) for n, a, b, mk in out]


# ---- data movement and LEA ---------------------------------------------------------------------
def movx_case(name, a, b, fin, dcx, ddx):
    eax, ebx, ecx, edx = a, b, dcx, ddx
    if name == "cbw":
        eax = merge(eax, sx(eax, 8), 16)
    elif name == "cwde":
        eax = sx(eax, 16) & M32
    elif name == "cwd":
        edx = merge(edx, 0xFFFF if eax & 0x8000 else 0, 16)
    elif name == "cdq":
        edx = M32 if eax & 0x80000000 else 0
    elif name.startswith("movzx") or name.startswith("movsx"):
        mm = re.match(r"mov([zs])x r(16|32),[rm](8|16)", name)
        ext, dst, src = mm.group(1), int(mm.group(2)), int(mm.group(3))
        v = ebx & MASK[src]
        if ext == "s":
            v = sx(v, src)
        eax = merge(eax, v, dst)
    elif name == "xchg eax,ebx" or name == "xchg m,ebx":
        eax, ebx = ebx, eax
    elif name == "xchg ax,bx":
        eax, ebx = merge(eax, ebx, 16), merge(ebx, eax, 16)
    elif name == "xchg al,bl":
        eax, ebx = merge(eax, ebx, 8), merge(ebx, eax, 8)
    elif name == "xchg ebx,ecx":
        ebx, ecx = ecx, ebx
    elif name.startswith("lea form "):
        k = int(name.split()[-1])
        esi, edi, ebp = a ^ b, 3, (b + 1) & M32
        v = {1: a, 2: b + 0x7F, 3: b - 0x80, 4: a + 0x12345678, 5: a + b, 6: a + 2 * b, 7: a + 4 * b + 8,
             8: a + 8 * b - 4, 9: 4 * b + 0x1000, 10: 0x12345678, 11: ebp, 12: ebp + 4 * esi - 0x70000000,
             13: 9 * b, 14: a + b + 0x1234, 15: a, 16: a + 5, 17: 2 * b + 0x12345678,
             18: esi + 8 * edi + 0x7FFFFFFF, 19: edi + esi, 20: a + b + 0x80000000}[k] & M32
        edx = merge(edx, v, 16) if k == 14 else v
    else:
        raise ValueError(name)
    return eax & M32, ebx & M32, ecx & M32, edx & M32, fin


def movx_sweeps():
    D0 = 0xD0D0D0D0
    out = [("cbw", L8A, ONE0, 0, D0), ("cwde", L16A, ONE0, 0, D0), ("cwd", L16A, ONE0, 0, D0), ("cdq", L32, ONE0, 0, D0),
           ("movzx r32,r8", ONE0, L8B, 0, 0), ("movzx r32,r16", ONE0, L16B, 0, 0), ("movzx r16,r8", L32, L8B, 0, 0),
           ("movsx r32,r8", ONE0, L8B, 0, 0), ("movsx r32,r16", ONE0, L16B, 0, 0), ("movsx r16,r8", L32, L8B, 0, 0),
           ("movsx r32,m8", ONE0, L8B, 0, 0), ("movzx r32,m16", ONE0, L16B, 0, 0),
           ("xchg eax,ebx", L32, L8B, 0, 0), ("xchg ax,bx", L32, L16B, 0, 0), ("xchg al,bl", L32, L8B, 0, 0),
           ("xchg ebx,ecx", ONE0, L32, 0xC0C0C0C0, 0), ("xchg m,ebx", L32, L16B, 0, 0)]
    out += [(f"lea form {k}", L32, L32, 0x0C0C0C0C, 0) for k in range(1, 21)]
    return [(n, a, b, FL2, 0x8D5, c, d, lambda n2, x, y, f, c=c, d=d: movx_case(n2, x, y, f, c, d))
            for n, a, b, c, d in out]


def run(sweeps, golden):
    want = {}
    for line in open(golden):
        mm = re.match(r"^(.*) hash=([0-9A-F]{8}) n=(\d+)$", line.rstrip("\n"))
        if mm:
            want[mm.group(1)] = (int(mm.group(2), 16), int(mm.group(3)))
    bad = 0
    for name, la, lb, lf, mk, dcx, ddx, fn in sweeps:
        words = []
        n = 0
        for a in la:
            for b in lb:
                for fin in lf:
                    r = fn(name, a, b, fin)
                    eax, ebx, ecx, edx, fl = r
                    vec = 0xFF if fl is not None else 0
                    words += [eax & M32, ebx & M32, ecx & M32, edx & M32,
                              (fl & mk) if fl is not None else 0, vec]
                    n += 1
        h = fnv(words)
        if name not in want:
            print(f"{os.path.basename(golden)}: no hash line for '{name}'")
            bad += 1
        elif want[name] != (h, n):
            print(f"{os.path.basename(golden)}: {name}: model {h:08X} n={n}, golden {want[name][0]:08X} n={want[name][1]}")
            bad += 1
    print(f"{os.path.basename(golden)}: {len(sweeps) - bad}/{len(sweeps)} sweeps agree with the SDM model")
    return bad


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    gold = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../resources/golden/cpu")
    bad = 0
    bad += run(alu_sweeps(), os.path.join(gold, "alu.txt"))
    bad += run(shift_sweeps(), os.path.join(gold, "shift.txt"))
    bad += run(muldiv_sweeps(), os.path.join(gold, "muldiv.txt"))
    bad += run(bcd_sweeps(), os.path.join(gold, "bcd.txt"))
    bad += run(bitops_sweeps(), os.path.join(gold, "bitops.txt"))
    bad += run(movx_sweeps(), os.path.join(gold, "movx.txt"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
