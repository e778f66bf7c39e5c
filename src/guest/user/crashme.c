/*
 * crashme [write|read|null|text|cli|int|io|hlt|div|ud]: do something a user program must not do and get
 * killed by the kernel, which carries on. Default: write into kernel memory.
 */
#include "lib/user.h"

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "write";
    volatile uint32_t *kernel = (volatile uint32_t *)0xC0100000;   /* the kernel image */
    if (strcmp(how, "write") == 0) {
        printf("crashme: writing to kernel memory at 0xc0100000\n");
        *kernel = 0xdeadbeef;
    } else if (strcmp(how, "read") == 0) {
        printf("crashme: reading kernel memory at 0xc0100000\n");
        printf("crashme: read 0x%08x\n", *kernel);
    } else if (strcmp(how, "null") == 0) {
        printf("crashme: writing through a NULL pointer\n");
        *(volatile uint32_t *)0 = 1;
    } else if (strcmp(how, "text") == 0) {
        printf("crashme: writing over my own code (mapped read-only)\n");
        *(volatile uint8_t *)(uintptr_t)main = 0xCC;
    } else if (strcmp(how, "cli") == 0) {
        printf("crashme: CLI in ring 3 (IOPL 0)\n");
        __asm__ volatile("cli");
    } else if (strcmp(how, "int") == 0) {
        printf("crashme: INT 0x20, the timer's gate (DPL 0)\n");
        __asm__ volatile("int $0x20");
    } else if (strcmp(how, "io") == 0) {
        printf("crashme: OUT to the PIC's port 0x21 in ring 3 (IOPL 0, no I/O bitmap)\n");
        __asm__ volatile("outb %%al, $0x21" : : "a"(0xFF));
    } else if (strcmp(how, "hlt") == 0) {
        printf("crashme: HLT in ring 3\n");
        __asm__ volatile("hlt");
    } else if (strcmp(how, "div") == 0) {
        uint32_t q, zero = 0;
        printf("crashme: DIV by zero\n");
        __asm__ volatile("divl %2" : "=a"(q) : "a"(1u), "r"(zero), "d"(0u));
        printf("crashme: got %u\n", q);
    } else if (strcmp(how, "ud") == 0) {
        printf("crashme: UD2, an undefined opcode\n");
        __asm__ volatile("ud2");
    } else {
        printf("usage: crashme [write|read|null|text|cli|int|io|hlt|div|ud]\n");
        return 2;
    }
    printf("crashme: still alive - the protection did not work!\n");
    return 1;
}
