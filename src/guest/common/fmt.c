/* printf-style formatting shared by the kernel and the user C library (see rmx/fmt.h). */
#include <rmx/fmt.h>
#include <rmx/string.h>

static int emit_padded(fmt_put_fn put, void *ctx, const char *s, int len, int width, int left, char pad)
{
    int n = 0;
    if (!left && pad == '0' && len > 0 && s[0] == '-') {
        put(ctx, '-');      /* zero padding goes after the sign: -0042 */
        s++, len--, width--, n++;
    }
    for (; !left && width > len; width--, n++)
        put(ctx, pad);
    for (int i = 0; i < len; i++, n++)
        put(ctx, s[i]);
    for (; left && width > len; width--, n++)
        put(ctx, ' ');
    return n;
}

int fmt_format(fmt_put_fn put, void *ctx, const char *fmt, va_list ap)
{
    int n = 0;
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(ctx, *fmt);
            n++;
            continue;
        }
        fmt++;
        int left = 0;
        char pad = ' ';
        for (;; fmt++) {
            if (*fmt == '-')
                left = 1;
            else if (*fmt == '0')
                pad = '0';
            else
                break;
        }
        int width = 0;
        if (*fmt == '*') {
            width = va_arg(ap, int);
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')
            fmt++;
        char buf[16];
        const char *s = buf;
        int len = 0;
        switch (*fmt) {
        case 'c':
            buf[0] = (char)va_arg(ap, int);
            len = 1;
            break;
        case 's':
            s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            len = (int)strlen(s);
            break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'p': {
            unsigned long v = va_arg(ap, unsigned long);
            unsigned base = (*fmt == 'd' || *fmt == 'i' || *fmt == 'u') ? 10 : 16;
            const char *digits = *fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            int neg = (*fmt == 'd' || *fmt == 'i') && (long)v < 0;
            if (neg)
                v = -(long)v;
            if (*fmt == 'p') {
                n += emit_padded(put, ctx, "0x", 2, 0, 0, ' ');
                width = 8;
                pad = '0';
            }
            char tmp[12];
            int t = 0;
            do {
                tmp[t++] = digits[v % base];
                v /= base;
            } while (v);
            if (neg)
                buf[len++] = '-';
            while (t)
                buf[len++] = tmp[--t];
            break;
        }
        case '%':
            buf[0] = '%';
            len = 1;
            break;
        case 0:
            return n;
        default:            /* unknown conversion: print it as is */
            buf[0] = '%';
            buf[1] = *fmt;
            len = 2;
            break;
        }
        n += emit_padded(put, ctx, s, len, width, left, pad);
    }
    return n;
}

struct sn_ctx {
    char *buf;
    size_t size, len;
};

static void sn_put(void *ctx, char c)
{
    struct sn_ctx *sn = ctx;
    if (sn->len + 1 < sn->size)
        sn->buf[sn->len] = c;
    sn->len++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sn_ctx sn = { buf, size, 0 };
    fmt_format(sn_put, &sn, fmt, ap);
    if (size)
        buf[sn.len < size ? sn.len : size - 1] = 0;
    return (int)sn.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
