#include "jmespath.h"

#include "jmespathinternal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace Jmespath {

namespace Detail {

Error queryError(const QString &expression, int column, const QString &detail)
{
    Error error = Error::validation(QStringLiteral("--query"),
        QStringLiteral("invalid --query '%1' at column %2: %3")
            .arg(expression)
            .arg(column)
            .arg(detail));
    error.column = column;
    return error;
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("null");
    }
}

// JMESPath's falsy values: false, null, and empty strings, arrays and objects. 0 is true.
bool isTruthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        return true;
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    case QJsonValue::Object:
        return !value.toObject().isEmpty();
    default:
        return false;
    }
}

// Numbers compare by value whether stored as integer or double (1 == 1.0).
bool jsonEquals(const QJsonValue &a, const QJsonValue &b)
{
    const bool aNull = a.isNull() || a.isUndefined();
    const bool bNull = b.isNull() || b.isUndefined();
    if (aNull || bNull)
        return aNull == bNull;
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Bool:
        return a.toBool() == b.toBool();
    case QJsonValue::Double:
        return a.toDouble() == b.toDouble();
    case QJsonValue::String:
        return a.toString() == b.toString();
    case QJsonValue::Array: {
        const QJsonArray left = a.toArray();
        const QJsonArray right = b.toArray();
        if (left.size() != right.size())
            return false;
        for (qsizetype i = 0; i < left.size(); ++i) {
            if (!jsonEquals(left.at(i), right.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject left = a.toObject();
        const QJsonObject right = b.toObject();
        if (left.keys() != right.keys())
            return false;
        for (auto it = left.begin(); it != left.end(); ++it) {
            if (!jsonEquals(it.value(), right.value(it.key())))
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

QJsonValue makeNumber(double value)
{
    constexpr double exactIntegerLimit = 9007199254740992.0; // 2^53
    if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < exactIntegerLimit)
        return QJsonValue(qint64(value));
    return QJsonValue(value);
}

QString compactJson(const QJsonValue &value)
{
    // QJsonDocument writes only arrays and objects: write [value] and drop the brackets.
    const QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QJsonValue Interpreter::fail(const Node &at, const QString &detail)
{
    if (!m_error)
        m_error = queryError(m_expression, at.column, detail);
    return QJsonValue();
}

QJsonValue Interpreter::visit(const Node &node, const QJsonValue &current)
{
    if (m_error)
        return QJsonValue();
    switch (node.kind) {
    case NodeKind::Identity:
    case NodeKind::Current:
        return current;
    case NodeKind::Field: {
        const QJsonValue value = current.toObject().value(node.name);
        return value.isUndefined() ? QJsonValue() : value;
    }
    case NodeKind::Subexpression:
    case NodeKind::Pipe:
        return visit(*node.children[1], visit(*node.children[0], current));
    case NodeKind::Index: {
        if (!current.isArray())
            return QJsonValue();
        const QJsonArray array = current.toArray();
        const qsizetype index = node.index < 0 ? node.index + array.size() : node.index;
        return index >= 0 && index < array.size() ? array.at(index) : QJsonValue();
    }
    case NodeKind::Slice:
        return slice(node, current);
    case NodeKind::Projection:
    case NodeKind::ValueProjection:
    case NodeKind::FilterProjection:
        return project(node, current);
    case NodeKind::Flatten: {
        const QJsonValue base = visit(*node.children[0], current);
        if (!base.isArray())
            return QJsonValue();
        QJsonArray flat;
        for (const QJsonValue &element : base.toArray()) {
            if (element.isArray()) {
                for (const QJsonValue &inner : element.toArray())
                    flat.append(inner);
            } else {
                flat.append(element);
            }
        }
        return flat;
    }
    case NodeKind::Comparator:
        return compare(node, current);
    case NodeKind::And: {
        const QJsonValue left = visit(*node.children[0], current);
        return isTruthy(left) ? visit(*node.children[1], current) : left;
    }
    case NodeKind::Or: {
        const QJsonValue left = visit(*node.children[0], current);
        return isTruthy(left) ? left : visit(*node.children[1], current);
    }
    case NodeKind::Not:
        return !isTruthy(visit(*node.children[0], current));
    case NodeKind::Literal:
        return node.literal;
    case NodeKind::MultiselectList: {
        if (current.isNull() || current.isUndefined())
            return QJsonValue();
        QJsonArray list;
        for (const NodePtr &child : node.children)
            list.append(visit(*child, current));
        return list;
    }
    case NodeKind::MultiselectHash: {
        if (current.isNull() || current.isUndefined())
            return QJsonValue();
        QJsonObject hash;
        for (size_t i = 0; i < node.children.size(); ++i)
            hash.insert(node.keys.at(qsizetype(i)), visit(*node.children[i], current));
        return hash;
    }
    case NodeKind::Function:
        return callFunction(node, current);
    case NodeKind::ExpressionRef:
        return fail(node,
            QStringLiteral("'&' marks an expression argument of sort_by(), "
                           "max_by(), min_by() or map(); it cannot stand alone"));
    }
    return QJsonValue();
}

// [*], *, [] and [?...]: apply the right side to each element and drop the nulls.
QJsonValue Interpreter::project(const Node &node, const QJsonValue &current)
{
    const QJsonValue base = visit(*node.children[0], current);
    QJsonArray elements;
    if (node.kind == NodeKind::ValueProjection) {
        if (!base.isObject())
            return QJsonValue();
        const QJsonObject object = base.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            elements.append(it.value());
    } else {
        if (!base.isArray())
            return QJsonValue();
        elements = base.toArray();
    }
    QJsonArray result;
    for (const QJsonValue &element : std::as_const(elements)) {
        if (node.kind == NodeKind::FilterProjection && !isTruthy(visit(*node.children[2], element)))
            continue;
        const QJsonValue value = visit(*node.children[1], element);
        if (!value.isNull() && !value.isUndefined())
            result.append(value);
    }
    return result;
}

// == and != compare any values; the ordering operators two numbers or two strings (as
// jmespath 1.1 does: dates like '2025-01-01' order as text), null for anything else.
QJsonValue Interpreter::compare(const Node &node, const QJsonValue &current)
{
    const QJsonValue left = visit(*node.children[0], current);
    const QJsonValue right = visit(*node.children[1], current);
    if (node.op == CompareOp::Equal)
        return jsonEquals(left, right);
    if (node.op == CompareOp::NotEqual)
        return !jsonEquals(left, right);
    int order = 0;
    if (left.isDouble() && right.isDouble()) {
        const double a = left.toDouble();
        const double b = right.toDouble();
        order = a < b ? -1 : (a > b ? 1 : 0);
    } else if (left.isString() && right.isString()) {
        order = left.toString().compare(right.toString());
    } else {
        return QJsonValue();
    }
    switch (node.op) {
    case CompareOp::Less:
        return order < 0;
    case CompareOp::LessOrEqual:
        return order <= 0;
    case CompareOp::Greater:
        return order > 0;
    default:
        return order >= 0;
    }
}

// Python's slice rules: negative ends count from the back, out-of-range ends are clamped.
QJsonValue Interpreter::slice(const Node &node, const QJsonValue &current)
{
    if (!current.isArray())
        return QJsonValue();
    const QJsonArray array = current.toArray();
    const qsizetype length = array.size();
    const qsizetype step = node.slice[2].value_or(1);
    const auto adjust = [&](std::optional<qsizetype> end, qsizetype whenAbsent) {
        if (!end)
            return whenAbsent;
        qsizetype value = *end;
        if (value < 0) {
            value += length;
            if (value < 0)
                value = step < 0 ? -1 : 0;
        } else if (value >= length) {
            value = step < 0 ? length - 1 : length;
        }
        return value;
    };
    const qsizetype start = adjust(node.slice[0], step < 0 ? length - 1 : 0);
    const qsizetype stop = adjust(node.slice[1], step < 0 ? -1 : length);
    QJsonArray result;
    for (qsizetype i = start; step > 0 ? i < stop : i > stop; i += step)
        result.append(array.at(i));
    return result;
}

namespace {

void collectKeyOrders(const Node &node, QList<QStringList> &orders)
{
    if (node.kind == NodeKind::MultiselectHash)
        orders.append(node.keys);
    for (const NodePtr &child : node.children)
        collectKeyOrders(*child, orders);
}

} // namespace

} // namespace Detail

Result<QJsonValue> evaluate(const QString &expression, const QJsonValue &data)
{
    Result<Detail::NodePtr> tree = Detail::parse(expression);
    if (!tree)
        return tree.error();
    Detail::Interpreter interpreter(expression);
    const QJsonValue value = interpreter.visit(**tree, data.isUndefined() ? QJsonValue() : data);
    if (interpreter.failed())
        return interpreter.error();
    return value;
}

Status check(const QString &expression)
{
    Result<Detail::NodePtr> tree = Detail::parse(expression);
    if (!tree)
        return tree.error();
    return {};
}

QList<QStringList> keyOrders(const QString &expression)
{
    QList<QStringList> orders;
    Result<Detail::NodePtr> tree = Detail::parse(expression);
    if (tree)
        Detail::collectKeyOrders(**tree, orders);
    return orders;
}

} // namespace Jmespath
