/* date: the time of day from the real-time clock (a timing figure: printed as {t:...}). */
#include "lib/user.h"

int main(void)
{
    uint32_t t = time();
    uint32_t days = t / 86400, secs = t % 86400;
    /* civil date from days since 1970-01-01 (H. Hinnant's algorithm, all in integers) */
    uint32_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
    uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    uint32_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    uint32_t y = yoe + era * 400 + (m <= 2);
    printf("{t:%04u-%02u-%02u %02u:%02u:%02u UTC}\n", y, m, d, secs / 3600, secs / 60 % 60, secs % 60);
    return 0;
}
