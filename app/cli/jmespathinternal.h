#pragma once

// Jmespath's parts: the syntax tree, the parser and the interpreter. Only jmespath*.cpp
// include this; the rest of the CLI uses jmespath.h.

#include "result.h"

#include <QJsonValue>
#include <QStringList>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace Jmespath::Detail {

enum class NodeKind
{
    Identity, // the implicit right side of a projection
    Current, // @
    Field,
    Subexpression, // children: left, right
    Index,
    Slice,
    Projection, // children: left, right
    ValueProjection, // children: left, right (object values: *.x)
    FilterProjection, // children: left, right, condition
    Flatten, // children: the value to flatten
    Comparator, // children: left, right
    And,
    Or,
    Not,
    Literal,
    MultiselectList,
    MultiselectHash, // keys[i] names children[i]
    Pipe,
    Function,
    ExpressionRef, // &expr, only as a function argument
};

enum class CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual
};

struct Node
{
    NodeKind kind = NodeKind::Identity;
    int column = 0; // 1-based, for error messages
    QString name; // Field and Function
    QJsonValue literal; // Literal
    qsizetype index = 0; // Index
    std::array<std::optional<qsizetype>, 3> slice; // start, stop, step
    CompareOp op = CompareOp::Equal;
    QStringList keys; // MultiselectHash
    std::vector<std::unique_ptr<Node>> children;
};

using NodePtr = std::unique_ptr<Node>;

// "invalid --query 'EXPR' at column N: DETAIL", as an Error value.
Error queryError(const QString &expression, int column, const QString &detail);

Result<NodePtr> parse(const QString &expression);

// The functions the parser accepts, with their argument counts (maxArgs -1: no limit).
struct FunctionSpec
{
    const char *name;
    int minArgs;
    int maxArgs;
};
const FunctionSpec *findFunction(const QString &name);
QStringList functionNames();

// JMESPath's view of JSON values.
QString typeName(const QJsonValue &value); // "string", "number", ... as the spec names them
bool isTruthy(const QJsonValue &value);
bool jsonEquals(const QJsonValue &a, const QJsonValue &b);
QJsonValue makeNumber(double value); // integral values stay integers when printed
QString compactJson(const QJsonValue &value);

// Walks a tree. The first error is kept and every later step yields null, so callers need not
// check after each step; evaluate() reports the error at the end.
class Interpreter
{
public:
    explicit Interpreter(const QString &expression)
        : m_expression(expression)
    { }

    QJsonValue visit(const Node &node, const QJsonValue &current);
    QJsonValue fail(const Node &at, const QString &detail);
    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }

private:
    QJsonValue project(const Node &node, const QJsonValue &current);
    QJsonValue compare(const Node &node, const QJsonValue &current);
    QJsonValue slice(const Node &node, const QJsonValue &current);
    QJsonValue callFunction(const Node &call, const QJsonValue &current); // jmespathfunctions.cpp

    QString m_expression;
    std::optional<Error> m_error;
};

} // namespace Jmespath::Detail
