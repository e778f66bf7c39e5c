/* spin: burn CPU until killed (to watch preemption, ps and kill). */
#include "lib/user.h"

int main(void)
{
    volatile uint32_t n = 0;
    for (;;)
        n++;
}
