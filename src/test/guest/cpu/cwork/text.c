/* Text processing: word statistics with a switch (jump table), a tiny tokenizer and RPN
 * calculator, itoa/atoi round trips, string reversal and palindromes, overlapping memmove,
 * struct copies and bit fields. */
#include "libc.h"
#include "cwork.h"

static const char text[] =
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
    "incredulity, it was the season of Light, it was the season of Darkness, it was "
    "the spring of hope, it was the winter of despair. A man, a plan, a canal: Panama! "
    "Madam, in Eden I'm Adam. 12 + 34 * 5 - 6 / 2 = 176; 0x7F & 0x0F | 0x30 = 0x3F.";

enum cls { C_SPACE, C_LETTER, C_DIGIT, C_PUNCT, C_OTHER };

static enum cls classify(char c)
{
    switch (c) {
    case ' ': case '\t': case '\n':
        return C_SPACE;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        return C_DIGIT;
    case '.': case ',': case ';': case ':': case '!': case '?': case '\'':
        return C_PUNCT;
    case '+': case '-': case '*': case '/': case '=': case '&': case '|':
        return C_OTHER;
    default:
        return ((c | 32) >= 'a' && (c | 32) <= 'z') ? C_LETTER : C_OTHER;
    }
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static int is_palindrome(const char *s, size_t n)
{
    size_t i = 0, j = n;
    while (i < j) {
        while (i < j && classify(s[i]) != C_LETTER) {
            i++;
        }
        while (i < j && classify(s[j - 1]) != C_LETTER) {
            j--;
        }
        if (i < j && lower(s[i]) != lower(s[j - 1])) {
            return 0;
        }
        i++;
        j--;
    }
    return 1;
}

static int my_itoa(int v, char *out)
{
    char tmp[12];
    int n = 0, neg = v < 0;
    unsigned u = neg ? 0u - (unsigned)v : (unsigned)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    int k = 0;
    if (neg) {
        out[k++] = '-';
    }
    while (n) {
        out[k++] = tmp[--n];
    }
    out[k] = 0;
    return k;
}

static int my_atoi(const char *s)
{
    int neg = 0, v = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (*s++ - '0');
    }
    return neg ? -v : v;
}

/* RPN evaluation of "a b op ..." with 32-bit signed arithmetic */
static int rpn(const char *s)
{
    int stack[16], sp = 0;
    while (*s) {
        if (*s >= '0' && *s <= '9') {
            stack[sp++] = my_atoi(s);
            while (*s >= '0' && *s <= '9') {
                s++;
            }
            continue;
        }
        if (*s != ' ' && sp >= 2) {
            int b = stack[--sp], a = stack[--sp], r;
            switch (*s) {
            case '+': r = a + b; break;
            case '-': r = a - b; break;
            case '*': r = a * b; break;
            case '/': r = b ? a / b : 0; break;
            case '%': r = b ? a % b : 0; break;
            case '&': r = a & b; break;
            case '|': r = a | b; break;
            case '^': r = a ^ b; break;
            default: r = 0; break;
            }
            stack[sp++] = r;
        }
        s++;
    }
    return sp ? stack[sp - 1] : 0;
}

struct rec {
    char name[12];
    unsigned kind : 3;
    unsigned flags : 5;
    signed delta : 8;
    uint16_t count;
    int32_t value;
};

void text_workload(void)
{
    int counts[5] = {0};
    int words = 0, in_word = 0, longest = 0, cur = 0;
    uint32_t letters_hash = 2166136261u;
    for (const char *p = text; *p; p++) {
        enum cls c = classify(*p);
        counts[c]++;
        if (c == C_LETTER) {
            letters_hash = (letters_hash ^ (uint8_t)lower(*p)) * 16777619u;
            cur++;
            if (!in_word) {
                words++;
                in_word = 1;
            }
        } else {
            if (cur > longest) {
                longest = cur;
            }
            cur = 0;
            in_word = 0;
        }
    }
    kprintf("text: %u chars, %d words, longest %d, classes %d/%d/%d/%d/%d, letters %08x\n",
            (unsigned)strlen(text), words, longest, counts[0], counts[1], counts[2], counts[3],
            counts[4], letters_hash);
    const char *pal1 = "A man, a plan, a canal: Panama!";
    const char *pal2 = "Madam, in Eden I'm Adam.";
    kprintf("palindromes: %d %d %d\n", is_palindrome(pal1, strlen(pal1)),
            is_palindrome(pal2, strlen(pal2)), is_palindrome(text, 40));
    char buf[16];
    int ok = 1, total = 0;
    for (int v = -100000; v <= 100000; v += 997) {
        total += my_itoa(v * 31, buf);
        ok &= my_atoi(buf) == v * 31;
    }
    kprintf("itoa/atoi round trips ok=%d, %d digits\n", ok, total);
    kprintf("rpn: %d %d %d\n", rpn("12 34 5 * + 6 2 / -"), rpn("127 15 & 48 |"),
            rpn("1000000 3 % 7 ^ 100 *"));
    char mm[32];
    strcpy(mm, "0123456789abcdefghij");
    memmove(mm + 3, mm, 10);
    memmove(mm + 15, mm + 17, 4);
    mm[20] = 0;
    kprintf("memmove: %s\n", mm);
    struct rec r[4];
    for (int i = 0; i < 4; i++) {
        memset(&r[i], 0, sizeof r[i]);
        strcpy(r[i].name, i & 1 ? "odd" : "even");
        r[i].kind = (unsigned)(i * 3);
        r[i].flags = (unsigned)(i * 11);
        r[i].delta = -i * 37;
        r[i].count = (uint16_t)(0xFFF0 + i * 7);
        r[i].value = i * -123456;
    }
    struct rec copy = r[3];
    r[0] = copy;
    kprintf("structs: size %u, %s kind=%u flags=%u delta=%d count=%u value=%d\n",
            (unsigned)sizeof(struct rec), r[0].name, r[0].kind, r[0].flags, r[0].delta,
            r[0].count, r[0].value);
}
