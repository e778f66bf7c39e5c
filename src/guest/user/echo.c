/* echo WORDS: print the arguments, separated by spaces. */
#include "lib/user.h"

int main(int argc, char **argv)
{
    char line[512];
    line[0] = 0;
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            strlcat(line, " ", sizeof line);
        strlcat(line, argv[i], sizeof line);
    }
    printf("%s\n", line);
    return 0;
}
