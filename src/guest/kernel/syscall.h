/* System call dispatch (int 0x80). */
#ifndef RMX_SYSCALL_H
#define RMX_SYSCALL_H

#include "arch/trap.h"

void syscall_dispatch(struct trapframe *tf);
extern uint32_t boot_epoch;         /* the RTC at boot, seconds since 1970 */

/* ringcheck.c */
void ringcheck_probe(struct rmx_ringcheck *r);

#endif
