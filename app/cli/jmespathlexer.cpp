#include "jmespathlexer.h"

#include "jmespathinternal.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Jmespath::Detail {

namespace {

// One JSON value from text, or nothing: QJsonDocument only reads arrays and objects, so the
// text goes inside one.
std::optional<QJsonValue> parseJsonValue(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson((QLatin1Char('[') + text + QLatin1Char(']')).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()
        || document.array().size() != 1)
        return std::nullopt;
    return document.array().at(0);
}

bool isIdentifierStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isIdentifierPart(QChar c) { return isIdentifierStart(c) || (c >= u'0' && c <= u'9'); }

bool isDigit(QChar c) { return c >= u'0' && c <= u'9'; }

class Lexer
{
public:
    explicit Lexer(const QString &expression)
        : m_text(expression)
    { }

    Result<std::vector<Token>> run()
    {
        std::vector<Token> tokens;
        while (true) {
            while (m_pos < m_text.size() && QStringLiteral(" \t\r\n").contains(m_text.at(m_pos)))
                ++m_pos;
            if (m_pos >= m_text.size())
                break;
            std::optional<Token> token = next();
            if (!token)
                return *m_error;
            tokens.push_back(std::move(*token));
        }
        Token end;
        end.column = int(m_text.size()) + 1;
        tokens.push_back(end);
        return tokens;
    }

private:
    Token make(TokenKind kind, qsizetype start, qsizetype length)
    {
        Token token;
        token.kind = kind;
        token.text = m_text.mid(start, length);
        token.column = int(start) + 1;
        m_pos = start + length;
        return token;
    }

    std::optional<Token> failAt(qsizetype position, const QString &detail)
    {
        m_error = queryError(m_text, int(position) + 1, detail);
        return std::nullopt;
    }

    QChar at(qsizetype position) const
    {
        return position < m_text.size() ? m_text.at(position) : QChar();
    }

    // Two-character operators first, then one-character ones.
    std::optional<Token> next()
    {
        const qsizetype start = m_pos;
        const QChar c = m_text.at(start);
        const QChar n = at(start + 1);
        if (isIdentifierStart(c)) {
            qsizetype end = start + 1;
            while (end < m_text.size() && isIdentifierPart(m_text.at(end)))
                ++end;
            Token token = make(TokenKind::Identifier, start, end - start);
            token.value = token.text;
            return token;
        }
        if (isDigit(c) || (c == u'-' && isDigit(n))) {
            qsizetype end = start + 1;
            while (end < m_text.size() && isDigit(m_text.at(end)))
                ++end;
            Token token = make(TokenKind::Number, start, end - start);
            bool ok = false;
            token.number = token.text.toLongLong(&ok);
            if (!ok)
                return failAt(start, QStringLiteral("the number %1 is too large").arg(token.text));
            return token;
        }
        switch (c.unicode()) {
        case u'"':
            return quoted(start, u'"');
        case u'\'':
            return quoted(start, u'\'');
        case u'`':
            return quoted(start, u'`');
        case u'.':
            return make(TokenKind::Dot, start, 1);
        case u'*':
            return make(TokenKind::Star, start, 1);
        case u']':
            return make(TokenKind::RBracket, start, 1);
        case u'{':
            return make(TokenKind::LBrace, start, 1);
        case u'}':
            return make(TokenKind::RBrace, start, 1);
        case u'(':
            return make(TokenKind::LParen, start, 1);
        case u')':
            return make(TokenKind::RParen, start, 1);
        case u',':
            return make(TokenKind::Comma, start, 1);
        case u':':
            return make(TokenKind::Colon, start, 1);
        case u'@':
            return make(TokenKind::At, start, 1);
        case u'[':
            if (n == u'?')
                return make(TokenKind::Filter, start, 2);
            if (n == u']')
                return make(TokenKind::Flatten, start, 2);
            return make(TokenKind::LBracket, start, 1);
        case u'|':
            return n == u'|' ? make(TokenKind::Or, start, 2) : make(TokenKind::Pipe, start, 1);
        case u'&':
            return n == u'&' ? make(TokenKind::And, start, 2)
                             : make(TokenKind::Ampersand, start, 1);
        case u'!':
            return n == u'=' ? make(TokenKind::NotEqual, start, 2) : make(TokenKind::Not, start, 1);
        case u'<':
            return n == u'=' ? make(TokenKind::LessOrEqual, start, 2)
                             : make(TokenKind::Less, start, 1);
        case u'>':
            return n == u'=' ? make(TokenKind::GreaterOrEqual, start, 2)
                             : make(TokenKind::Greater, start, 1);
        case u'=':
            if (n == u'=')
                return make(TokenKind::Equal, start, 2);
            return failAt(start, QStringLiteral("'=' is not an operator: compare with '=='"));
        case u'-':
            return failAt(start,
                QStringLiteral("unexpected '-': a name that contains '-' must be "
                               "double-quoted, e.g. \"my-name\""));
        default:
            return failAt(start, QStringLiteral("unexpected character '%1'").arg(c));
        }
    }

    // "name", 'raw string' or `json`; a backslash escapes the next character.
    std::optional<Token> quoted(qsizetype start, QChar quote)
    {
        qsizetype end = start + 1;
        while (end < m_text.size() && m_text.at(end) != quote)
            end += m_text.at(end) == u'\\' ? 2 : 1;
        if (end >= m_text.size()) {
            const QString what = quote == u'"' ? QStringLiteral("quoted name")
                : quote == u'\''               ? QStringLiteral("string")
                                               : QStringLiteral("JSON literal");
            return failAt(start,
                QStringLiteral("unterminated %1: add the closing %2").arg(what, QString(quote)));
        }
        Token token = make(TokenKind::Identifier, start, end - start + 1);
        const QString inner = m_text.mid(start + 1, end - start - 1);
        if (quote == u'"') {
            token.kind = TokenKind::QuotedIdentifier;
            const std::optional<QJsonValue> name = parseJsonValue(token.text);
            if (!name)
                return failAt(
                    start, QStringLiteral("invalid escape in the quoted name %1").arg(token.text));
            token.value = *name;
        } else if (quote == u'\'') {
            token.kind = TokenKind::RawString;
            token.value = QString(inner).replace(QStringLiteral("\\'"), QStringLiteral("'"));
        } else {
            token.kind = TokenKind::Literal;
            const QString json = QString(inner).replace(QStringLiteral("\\`"), QStringLiteral("`"));
            if (json.trimmed().isEmpty())
                return failAt(start,
                    QStringLiteral("empty JSON literal: write a value between "
                                   "the backticks, e.g. `3` or `\"text\"`"));
            // Like other implementations, text that is not JSON is taken as a string (the
            // old `Succeeded` form that many scripts still use).
            token.value = parseJsonValue(json).value_or(QJsonValue(json.trimmed()));
        }
        return token;
    }

    QString m_text;
    qsizetype m_pos = 0;
    std::optional<Error> m_error;
};

} // namespace

Result<std::vector<Token>> tokenize(const QString &expression) { return Lexer(expression).run(); }

} // namespace Jmespath::Detail
