#pragma once

// Jmespath's tokens. Internal to jmespath*.cpp.

#include "result.h"

#include <QJsonValue>
#include <QString>
#include <vector>

namespace Jmespath::Detail {

enum class TokenKind
{
    End,
    Identifier,
    QuotedIdentifier,
    RawString, // 'text'
    Literal, // `json`
    Number,
    Dot,
    Star,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Filter, // [?
    Flatten, // []
    Pipe,
    Or,
    And,
    Not,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    LParen,
    RParen,
    Comma,
    Colon,
    At,
    Ampersand,
};

struct Token
{
    TokenKind kind = TokenKind::End;
    QString text; // as written, for messages
    QJsonValue value; // name, string or literal value
    qsizetype number = 0;
    int column = 0; // 1-based
};

// The whole expression as tokens, ending with an End token.
Result<std::vector<Token>> tokenize(const QString &expression);

} // namespace Jmespath::Detail
