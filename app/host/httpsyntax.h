#pragma once

// Character classes and small scanners of RFC 9110 / 9112, shared by the HTTP parsers and
// the message writer. Table-driven and allocation-free: they run once per byte of a head.

#include <QByteArrayView>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>

namespace HttpSyntax {

constexpr std::array<bool, 256> makeTokenTable()
{
    std::array<bool, 256> table {};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = true;
    for (char c : { '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' })
        table[static_cast<unsigned char>(c)] = true;
    return table;
}

inline constexpr std::array<bool, 256> kTokenChars = makeTokenTable();

inline bool isTokenChar(char c) { return kTokenChars[static_cast<unsigned char>(c)]; }

inline bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

inline bool isOws(char c) { return c == ' ' || c == '\t'; }

inline QByteArrayView trimOws(QByteArrayView s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && isOws(s[begin]))
        ++begin;
    while (end > begin && isOws(s[end - 1]))
        --end;
    return s.sliced(begin, end - begin);
}

// field-value characters: VCHAR, obs-text, SP and HTAB; no other controls (CR, LF, NUL).
// Eight bytes at a time: a word without a byte below 0x20 or equal to 0x7f is all valid
// (bytes from 0x80 never trigger either test); only a word that trips is looked at bytewise.
inline bool isFieldValueByte(unsigned char u) { return (u >= 0x20 || u == '\t') && u != 0x7f; }

inline bool isFieldValue(QByteArrayView s)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    const char *p = s.data();
    const char *end = p + s.size();
    for (; end - p >= 8; p += 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        const quint64 below20 = (word - ones * 0x20) & ~word & highs;
        const quint64 del = word ^ (ones * 0x7f);
        const quint64 is7f = (del - ones) & ~del & highs;
        if ((below20 | is7f) == 0)
            continue;
        for (int i = 0; i < 8; ++i) {
            if (!isFieldValueByte(static_cast<unsigned char>(p[i])))
                return false;
        }
    }
    for (; p < end; ++p) {
        if (!isFieldValueByte(static_cast<unsigned char>(*p)))
            return false;
    }
    return true;
}

inline char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

inline bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i]))
            return false;
    }
    return true;
}

// Calls f(item) for each non-empty, OWS-trimmed element of a comma-separated list.
template<typename F>
void forEachListItem(QByteArrayView list, F f)
{
    qsizetype begin = 0;
    while (begin <= list.size()) {
        qsizetype end = begin;
        while (end < list.size() && list[end] != ',')
            ++end;
        const QByteArrayView item = trimOws(list.sliced(begin, end - begin));
        if (!item.isEmpty())
            f(item);
        begin = end + 1;
    }
}

// 1*DIGIT; saturates at the qint64 maximum instead of overflowing (callers compare it
// against a limit). False when empty or not all digits.
inline bool parseDecimal(QByteArrayView s, qint64 &value)
{
    if (s.isEmpty())
        return false;
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    qint64 v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        const int digit = c - '0';
        v = (v > (max - digit) / 10) ? max : v * 10 + digit;
    }
    value = v;
    return true;
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace HttpSyntax
