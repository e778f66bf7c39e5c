/**
 * Intel-syntax disassembler: {@link dev.ringmaster.engine.cpu.disasm.Disassembler} turns decoded
 * instructions (and listings of memory) into the text GNU objdump prints with {@code -M intel}. The
 * tests compare it with objdump instruction by instruction; objdump is the oracle, so where its output
 * reflects a binutils convention rather than the architecture this package reproduces it. Those
 * places, referred to from the code as "quirk Qn":
 *
 * <ul>
 * <li><b>Q1 — resynchronisation after "(bad)".</b> For an undefined encoding objdump prints
 * {@code (bad)} and its listing resumes right after the opcode byte(s) (the prefixes and one or two
 * opcode bytes; only one byte when the ModR/M operand is what is invalid, e.g. {@code lea eax,eax}
 * (8D C0) or {@code lss} with a register, printed "cmpxchg8b (bad)" for 0F C7 /1 with a register). The
 * listing ({@code Disassembler.disassemble}) does the same, so a row may be shorter than what the
 * decoder consumed. {@code Disassembler.format} shows the same text.</li>
 * <li><b>Q2 — SALC.</b> objdump does not decode the undocumented D6 (SALC), which this CPU executes;
 * it is shown as {@code (bad)}.</li>
 * <li><b>Q3 — SAL.</b> Group-2 /6 (an alias of SHL) is shown as {@code shl}.</li>
 * <li><b>Q4 — notrack.</b> On indirect CALL/JMP (FF /2, /4) a DS prefix anywhere among the prefixes
 * renames the <em>last</em> segment prefix to {@code notrack} and suppresses the segment override in
 * the operand.</li>
 * <li><b>Q5 — names from later extensions.</b> Encodings that newer processors redefined are named as
 * objdump names them, although this CPU (no SSE2/BMI/MPX/CET) executes the original meaning with the
 * prefix ignored: {@code pause} (F3 90), {@code tzcnt}/{@code lzcnt} (F3 0F BC/BD, executed as
 * BSF/BSR), {@code wbnoinvd} (F3 0F 09), {@code (bad)} for 66/F2 0F 09 and F2 0F BC/BD,
 * {@code prefetch*} (0F 18 /0–/3), {@code bndldx/bndstx/bndmk/bndcl/bndcu/bndcn/bndmov} (0F 1A/1B),
 * {@code cldemote} (0F 1C /0), {@code endbr32/endbr64/rdsspd} (F3 0F 1E) — all hint NOPs here;
 * {@code bnd} for F2 on near branches, {@code xacquire}/{@code xrelease} for F2/F3 on locked (or
 * XCHG/MOV) memory operations, and {@code crN+8} for a LOCK prefix on MOV CRn (AMD's CR8
 * encoding).</li>
 * <li><b>Q6 — 8-bit branch targets.</b> objdump never truncates a rel8 target to 16 bits, even with an
 * operand-size prefix ({@code data16 jmp 0x10003}), while the CPU truncates EIP; rel16 targets are
 * truncated, keeping the upper address bits in 16-bit code without a prefix.</li>
 * <li><b>Q7 — address-size prefix bookkeeping.</b> objdump counts an address-size prefix as used only
 * when a base or index register is printed, so {@code addr16}/{@code addr32} stay visible on moffs
 * MOVs, LOOP and plain-displacement operands; in 16-bit code a SIB byte with neither base nor index
 * prints as {@code ds:disp}, not {@code [eiz*1+disp]}.</li>
 * <li><b>Q8 — FWAIT.</b> objdump treats 9B as a prefix: FWAIT followed (after optional prefixes) by an
 * x87 instruction is one row with the no-wait spelling ({@code 9B DF E0} is {@code fstsw ax});
 * otherwise FWAIT is a row together with the prefixes before it.</li>
 * <li><b>Q9 — odd operand spellings.</b> {@code bswap ax} for BSWAP with a 16-bit operand size,
 * {@code ?} for the undefined segment registers 6 and 7 in MOV Sreg, x87 "(bad)" memory forms printed
 * with their operand ({@code (bad) [eax]}), x87 8087/287-only names ({@code fneni(8087 only)}).</li>
 * </ul>
 *
 * <p>What is not reproduced: encodings the decoder does not know (SSE, MMX, AVX, VMX beyond VMCALL,
 * SYSENTER...) are {@code (bad)} here while objdump names them; in 16- and 32-bit code objdump also
 * reads C4/C5/62/8F with a register ModR/M as VEX/EVEX/XOP prefixes (LES, LDS, BOUND and POP /1 with a
 * register are #UD on this CPU and shown as {@code (bad)}).
 *
 * <h2>Listing API (for the Disassembly and Translation-cache panes)</h2>
 * <ul>
 * <li>{@code Disassembler.disassemble(ByteSource, address, count, code32)} lists up to {@code count}
 * rows from guest memory; a {@code ByteSource} returns a byte or -1 where nothing can be read (the
 * listing stops there; a row whose later bytes are unreadable is objdump's "(bad)" row).</li>
 * <li>{@code Disassembler.next(ByteSource, address, code32)} is one row;
 * {@code Disassembler.disassembleAll(byte[], address, code32)} lists a whole buffer as objdump lists
 * a section (used for translated code).</li>
 * <li>Each row is a {@link dev.ringmaster.engine.cpu.disasm.DisassemblyLine}: {@code address()},
 * {@code bytes()}/{@code bytesHex()}, {@code text()} (objdump's Intel text, single spaces),
 * {@code nextAddress()} and {@code branchTarget()} — the target of a relative JMP/Jcc/CALL/LOOP/JCXZ
 * as the text shows it (quirk Q6 applies to 16-bit rel8), or -1; indirect and far branches have
 * none.</li>
 * <li>A {@code Disassembler.Symbolizer} adds objdump's {@code <sym+off>} suffix to branch targets.</li>
 * <li>A {@code Disassembler} instance reuses its buffers: one per thread (the panes format on the FX
 * thread from immutable snapshots of guest memory).</li>
 * </ul>
 */
package dev.ringmaster.engine.cpu.disasm;
