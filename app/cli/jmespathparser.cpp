// A Pratt parser for JMESPath: each token has a binding power, `nud` starts an expression
// with a token and `led` extends the expression on its left. Projections take the rest of
// the chain (everything that binds tighter than a pipe, ||, && or a comparison) as the part
// applied to each element, which is how `[*].a.b` and `[?x].y | [0]` get their meaning.

#include "jmespathinternal.h"
#include "jmespathlexer.h"

namespace Jmespath::Detail {

namespace {

// Tokens binding below this end a projection's right-hand side.
constexpr int ProjectionStop = 10;

int bindingPower(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Pipe:
        return 1;
    case TokenKind::Or:
        return 2;
    case TokenKind::And:
        return 3;
    case TokenKind::Equal:
    case TokenKind::NotEqual:
    case TokenKind::Less:
    case TokenKind::LessOrEqual:
    case TokenKind::Greater:
    case TokenKind::GreaterOrEqual:
        return 5;
    case TokenKind::Flatten:
        return 9;
    case TokenKind::Star:
        return 20;
    case TokenKind::Filter:
        return 21;
    case TokenKind::Dot:
        return 40;
    case TokenKind::Not:
        return 45;
    case TokenKind::LBrace:
        return 50;
    case TokenKind::LBracket:
        return 55;
    case TokenKind::LParen:
        return 60;
    default:
        return 0;
    }
}

NodePtr makeNode(NodeKind kind, int column)
{
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->column = column;
    return node;
}

NodePtr makeNode(NodeKind kind, int column, NodePtr first, NodePtr second = {}, NodePtr third = {})
{
    NodePtr node = makeNode(kind, column);
    for (NodePtr *child : { &first, &second, &third }) {
        if (*child)
            node->children.push_back(std::move(*child));
    }
    return node;
}

class Parser
{
public:
    Parser(const QString &expression, std::vector<Token> tokens)
        : m_expression(expression)
        , m_tokens(std::move(tokens))
    { }

    Result<NodePtr> run()
    {
        NodePtr root = expression(0);
        if (root && peek().kind != TokenKind::End)
            unexpected(peek());
        if (m_error)
            return *m_error;
        return root;
    }

private:
    const Token &peek(size_t ahead = 0) const
    {
        return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
    }

    const Token &advance()
    {
        const Token &token = m_tokens[m_pos];
        if (m_pos + 1 < m_tokens.size())
            ++m_pos;
        return token;
    }

    NodePtr fail(int column, const QString &detail)
    {
        if (!m_error)
            m_error = queryError(m_expression, column, detail);
        return nullptr;
    }

    static QString describe(const Token &token)
    {
        return token.kind == TokenKind::End ? QStringLiteral("the end of the query")
                                            : QLatin1Char('\'') + token.text + QLatin1Char('\'');
    }

    NodePtr unexpected(const Token &token)
    {
        return fail(token.column,
            QStringLiteral("unexpected %1: expected '.', '[', '|', an operator or the "
                           "end of the query")
                .arg(describe(token)));
    }

    bool expect(TokenKind kind, const QString &what, const Token &opener)
    {
        if (peek().kind == kind) {
            advance();
            return true;
        }
        fail(peek().column,
            QStringLiteral("expected %1 to close '%2' at column %3, found %4")
                .arg(what, opener.text)
                .arg(opener.column)
                .arg(describe(peek())));
        return false;
    }

    NodePtr expression(int rightBindingPower)
    {
        NodePtr left = nud();
        while (left && rightBindingPower < bindingPower(peek().kind))
            left = led(std::move(left));
        return left;
    }

    NodePtr nud()
    {
        const Token &previous = m_tokens[m_pos > 0 ? m_pos - 1 : 0];
        const bool atStart = m_pos == 0;
        const Token &token = advance();
        switch (token.kind) {
        case TokenKind::Literal:
        case TokenKind::RawString: {
            NodePtr node = makeNode(NodeKind::Literal, token.column);
            node->literal = token.value;
            return node;
        }
        case TokenKind::Identifier:
        case TokenKind::QuotedIdentifier: {
            if (token.kind == TokenKind::QuotedIdentifier && peek().kind == TokenKind::LParen)
                return fail(token.column,
                    QStringLiteral("a function name cannot be quoted: "
                                   "write %1(...)")
                        .arg(token.value.toString()));
            NodePtr node = makeNode(NodeKind::Field, token.column);
            node->name = token.value.toString();
            return node;
        }
        case TokenKind::Star:
            return projection(NodeKind::ValueProjection, token,
                makeNode(NodeKind::Identity, token.column), bindingPower(token.kind));
        case TokenKind::Filter:
            return filter(token, makeNode(NodeKind::Identity, token.column));
        case TokenKind::LBrace:
            return multiselectHash(token);
        case TokenKind::Flatten:
            return projection(NodeKind::Projection, token,
                makeNode(
                    NodeKind::Flatten, token.column, makeNode(NodeKind::Identity, token.column)),
                bindingPower(token.kind));
        case TokenKind::LBracket:
            if (peek().kind == TokenKind::Number || peek().kind == TokenKind::Colon)
                return indexOrSlice(token, makeNode(NodeKind::Identity, token.column));
            if (peek().kind == TokenKind::Star && peek(1).kind == TokenKind::RBracket) {
                advance();
                advance();
                return projection(NodeKind::Projection, token,
                    makeNode(NodeKind::Identity, token.column), bindingPower(TokenKind::Star));
            }
            return multiselectList(token);
        case TokenKind::At:
            return makeNode(NodeKind::Current, token.column);
        case TokenKind::Ampersand: {
            NodePtr inner = expression(0);
            return inner ? makeNode(NodeKind::ExpressionRef, token.column, std::move(inner))
                         : nullptr;
        }
        case TokenKind::Not: {
            NodePtr inner = expression(bindingPower(token.kind));
            return inner ? makeNode(NodeKind::Not, token.column, std::move(inner)) : nullptr;
        }
        case TokenKind::LParen: {
            NodePtr inner = expression(0);
            if (!inner || !expect(TokenKind::RParen, QStringLiteral("')'"), token))
                return nullptr;
            return inner;
        }
        case TokenKind::Number:
            return fail(token.column,
                QStringLiteral("a bare number is not a value: write `%1` for the number "
                               "or [%1] for an index")
                    .arg(token.text));
        default:
            break;
        }
        if (atStart && token.kind == TokenKind::End)
            return fail(token.column,
                QStringLiteral("the query is empty: write a field name "
                               "such as name, or @ for the whole result"));
        if (atStart)
            return fail(
                token.column, QStringLiteral("a query cannot start with %1").arg(describe(token)));
        if (token.kind == TokenKind::End)
            return fail(token.column,
                QStringLiteral("expected a value after '%1', but the "
                               "query ends there")
                    .arg(previous.text));
        return fail(token.column, QStringLiteral("expected a value after '%1'").arg(previous.text));
    }

    NodePtr led(NodePtr left)
    {
        const Token &token = advance();
        switch (token.kind) {
        case TokenKind::Dot:
            if (peek().kind == TokenKind::Star) {
                advance();
                return projection(
                    NodeKind::ValueProjection, token, std::move(left), bindingPower(token.kind));
            }
            return binary(NodeKind::Subexpression, token, std::move(left),
                afterDot(bindingPower(token.kind)));
        case TokenKind::Pipe:
            return binary(
                NodeKind::Pipe, token, std::move(left), expression(bindingPower(token.kind)));
        case TokenKind::Or:
            return binary(
                NodeKind::Or, token, std::move(left), expression(bindingPower(token.kind)));
        case TokenKind::And:
            return binary(
                NodeKind::And, token, std::move(left), expression(bindingPower(token.kind)));
        case TokenKind::Equal:
        case TokenKind::NotEqual:
        case TokenKind::Less:
        case TokenKind::LessOrEqual:
        case TokenKind::Greater:
        case TokenKind::GreaterOrEqual:
            return comparator(token, std::move(left));
        case TokenKind::Flatten:
            return projection(NodeKind::Projection, token,
                makeNode(NodeKind::Flatten, token.column, std::move(left)),
                bindingPower(token.kind));
        case TokenKind::Filter:
            return filter(token, std::move(left));
        case TokenKind::LBracket:
            if (peek().kind == TokenKind::Number || peek().kind == TokenKind::Colon)
                return indexOrSlice(token, std::move(left));
            if (peek().kind == TokenKind::Star && peek(1).kind == TokenKind::RBracket) {
                advance();
                advance();
                return projection(
                    NodeKind::Projection, token, std::move(left), bindingPower(TokenKind::Star));
            }
            return fail(peek().column,
                QStringLiteral("expected a number, ':' or '*' after '['; to pick "
                               "several fields write a.[x, y]"));
        case TokenKind::LParen:
            return functionCall(token, std::move(left));
        default:
            return unexpected(token);
        }
    }

    NodePtr binary(NodeKind kind, const Token &token, NodePtr left, NodePtr right)
    {
        return right ? makeNode(kind, token.column, std::move(left), std::move(right)) : nullptr;
    }

    NodePtr comparator(const Token &token, NodePtr left)
    {
        NodePtr right = expression(bindingPower(token.kind));
        if (!right)
            return nullptr;
        NodePtr node
            = makeNode(NodeKind::Comparator, token.column, std::move(left), std::move(right));
        switch (token.kind) {
        case TokenKind::NotEqual:
            node->op = CompareOp::NotEqual;
            break;
        case TokenKind::Less:
            node->op = CompareOp::Less;
            break;
        case TokenKind::LessOrEqual:
            node->op = CompareOp::LessOrEqual;
            break;
        case TokenKind::Greater:
            node->op = CompareOp::Greater;
            break;
        case TokenKind::GreaterOrEqual:
            node->op = CompareOp::GreaterOrEqual;
            break;
        default:
            node->op = CompareOp::Equal;
            break;
        }
        return node;
    }

    // What follows a '.': a name, '*', a multiselect list or hash.
    NodePtr afterDot(int power)
    {
        switch (peek().kind) {
        case TokenKind::Identifier:
        case TokenKind::QuotedIdentifier:
        case TokenKind::Star:
            return expression(power);
        case TokenKind::LBracket:
            return multiselectList(advance());
        case TokenKind::LBrace:
            return multiselectHash(advance());
        default:
            return fail(peek().column,
                QStringLiteral("expected a field name, '*', '[' or '{' after '.', "
                               "found %1")
                    .arg(describe(peek())));
        }
    }

    NodePtr projection(NodeKind kind, const Token &token, NodePtr left, int power)
    {
        NodePtr right = projectionRight(power);
        return right ? makeNode(kind, token.column, std::move(left), std::move(right)) : nullptr;
    }

    // The part of a chain applied to each element of a projection.
    NodePtr projectionRight(int power)
    {
        const Token &next = peek();
        if (bindingPower(next.kind) < ProjectionStop)
            return makeNode(NodeKind::Identity, next.column);
        switch (next.kind) {
        case TokenKind::LBracket:
        case TokenKind::Filter:
            return expression(power);
        case TokenKind::Dot:
            advance();
            return afterDot(power);
        default:
            return unexpected(next);
        }
    }

    NodePtr filter(const Token &token, NodePtr left)
    {
        NodePtr condition = expression(0);
        if (!condition || !expect(TokenKind::RBracket, QStringLiteral("']'"), token))
            return nullptr;
        NodePtr right = projectionRight(bindingPower(token.kind));
        if (!right)
            return nullptr;
        return makeNode(NodeKind::FilterProjection, token.column, std::move(left), std::move(right),
            std::move(condition));
    }

    // After '[' and before a number or ':': [N], [start:stop:step].
    NodePtr indexOrSlice(const Token &open, NodePtr left)
    {
        std::array<std::optional<qsizetype>, 3> parts;
        size_t part = 0;
        while (peek().kind != TokenKind::RBracket) {
            const Token &token = advance();
            if (token.kind == TokenKind::Colon && part < 2) {
                ++part;
            } else if (token.kind == TokenKind::Number && !parts[part]) {
                parts[part] = token.number;
            } else {
                return fail(token.column,
                    QStringLiteral("expected %1 in '[...]' opened at column %2, found %3")
                        .arg(part < 2 ? QStringLiteral("a number, ':' or ']'")
                                      : QStringLiteral("a number or ']'"))
                        .arg(open.column)
                        .arg(describe(token)));
            }
        }
        advance();
        if (part == 0) {
            NodePtr index = makeNode(NodeKind::Index, open.column);
            index->index = *parts[0];
            return makeNode(
                NodeKind::Subexpression, open.column, std::move(left), std::move(index));
        }
        if (parts[2] && *parts[2] == 0)
            return fail(open.column, QStringLiteral("the slice step cannot be 0"));
        NodePtr slice = makeNode(NodeKind::Slice, open.column);
        slice->slice = parts;
        return projection(NodeKind::Projection, open,
            makeNode(NodeKind::Subexpression, open.column, std::move(left), std::move(slice)),
            bindingPower(TokenKind::Star));
    }

    // After '[': [a, b.c, ...].
    NodePtr multiselectList(const Token &open)
    {
        NodePtr node = makeNode(NodeKind::MultiselectList, open.column);
        while (true) {
            NodePtr item = expression(0);
            if (!item)
                return nullptr;
            node->children.push_back(std::move(item));
            if (peek().kind == TokenKind::Comma) {
                advance();
                continue;
            }
            if (!expect(TokenKind::RBracket, QStringLiteral("',' or ']'"), open))
                return nullptr;
            return node;
        }
    }

    // After '{': {key: expression, ...}.
    NodePtr multiselectHash(const Token &open)
    {
        NodePtr node = makeNode(NodeKind::MultiselectHash, open.column);
        while (true) {
            const Token &key = advance();
            if (key.kind != TokenKind::Identifier && key.kind != TokenKind::QuotedIdentifier)
                return fail(key.column,
                    QStringLiteral("expected a key name in '{...}', found "
                                   "%1; write {key: expression, ...}")
                        .arg(describe(key)));
            if (peek().kind != TokenKind::Colon)
                return fail(peek().column,
                    QStringLiteral("expected ':' after the key '%1'").arg(key.value.toString()));
            advance();
            NodePtr value = expression(0);
            if (!value)
                return nullptr;
            node->keys.append(key.value.toString());
            node->children.push_back(std::move(value));
            if (peek().kind == TokenKind::Comma) {
                advance();
                continue;
            }
            if (!expect(TokenKind::RBrace, QStringLiteral("',' or '}'"), open))
                return nullptr;
            return node;
        }
    }

    NodePtr functionCall(const Token &open, NodePtr left)
    {
        if (left->kind != NodeKind::Field)
            return fail(open.column,
                QStringLiteral("only a function name can be followed by "
                               "'(', e.g. length(name)"));
        const FunctionSpec *spec = findFunction(left->name);
        if (!spec)
            return fail(left->column,
                QStringLiteral("unknown function %1(): use one of %2")
                    .arg(left->name, functionNames().join(QStringLiteral(", "))));
        NodePtr call = makeNode(NodeKind::Function, left->column);
        call->name = left->name;
        if (peek().kind == TokenKind::RParen) {
            advance();
        } else {
            while (true) {
                NodePtr argument = expression(0);
                if (!argument)
                    return nullptr;
                call->children.push_back(std::move(argument));
                if (peek().kind == TokenKind::Comma) {
                    advance();
                    continue;
                }
                if (!expect(TokenKind::RParen, QStringLiteral("',' or ')'"), open))
                    return nullptr;
                break;
            }
        }
        const int count = int(call->children.size());
        if (count < spec->minArgs || (spec->maxArgs >= 0 && count > spec->maxArgs)) {
            const QString wanted = spec->maxArgs < 0
                ? QStringLiteral("at least %1").arg(spec->minArgs)
                : QString::number(spec->minArgs);
            return fail(call->column,
                QStringLiteral("%1() takes %2 argument%3, got %4")
                    .arg(call->name, wanted, spec->minArgs == 1 ? QString() : QStringLiteral("s"))
                    .arg(count));
        }
        return call;
    }

    QString m_expression;
    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    std::optional<Error> m_error;
};

} // namespace

Result<NodePtr> parse(const QString &expression)
{
    Result<std::vector<Token>> tokens = tokenize(expression);
    if (!tokens)
        return tokens.error();
    return Parser(expression, std::move(tokens).value()).run();
}

} // namespace Jmespath::Detail
