/* 8254 programmable interval timer, channel 0 -> IRQ 0. */
#ifndef RMX_PIT_H
#define RMX_PIT_H

void pit_init(unsigned hz, void (*tick)(void));

#endif
