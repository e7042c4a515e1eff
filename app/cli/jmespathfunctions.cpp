// JMESPath's built-in functions. Argument counts are checked by the parser; types here, at
// run time, as the spec does (length(`1`) is a type error, not null).

#include "jmespathinternal.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace Jmespath::Detail {

namespace {

const FunctionSpec functionSpecs[] = {
    { "abs", 1, 1 },
    { "avg", 1, 1 },
    { "ceil", 1, 1 },
    { "contains", 2, 2 },
    { "ends_with", 2, 2 },
    { "floor", 1, 1 },
    { "join", 2, 2 },
    { "keys", 1, 1 },
    { "length", 1, 1 },
    { "map", 2, 2 },
    { "max", 1, 1 },
    { "max_by", 2, 2 },
    { "merge", 1, -1 },
    { "min", 1, 1 },
    { "min_by", 2, 2 },
    { "not_null", 1, -1 },
    { "reverse", 1, 1 },
    { "sort", 1, 1 },
    { "sort_by", 2, 2 },
    { "starts_with", 2, 2 },
    { "sum", 1, 1 },
    { "to_array", 1, 1 },
    { "to_number", 1, 1 },
    { "to_string", 1, 1 },
    { "type", 1, 1 },
    { "values", 1, 1 },
};

enum class ElementKind
{
    Empty,
    Numbers,
    Strings,
    Mixed
};

ElementKind elementKind(const QJsonArray &array)
{
    if (array.isEmpty())
        return ElementKind::Empty;
    const QJsonValue::Type first = array.at(0).type();
    if (first != QJsonValue::Double && first != QJsonValue::String)
        return ElementKind::Mixed;
    for (const QJsonValue &element : array) {
        if (element.type() != first)
            return ElementKind::Mixed;
    }
    return first == QJsonValue::Double ? ElementKind::Numbers : ElementKind::Strings;
}

// Numbers by value, strings by code unit: the only orderings JMESPath defines.
bool lessThan(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble())
        return a.toDouble() < b.toDouble();
    return a.toString() < b.toString();
}

// One call's arguments, with typed accessors that record a type error and return nothing.
class Call
{
public:
    Call(Interpreter &interpreter, const Node &node, const QJsonValue &current)
        : m_interpreter(interpreter)
        , m_node(node)
    {
        for (const NodePtr &child : node.children) {
            if (child->kind == NodeKind::ExpressionRef) {
                m_values.append(QJsonValue());
                m_expressions.push_back(child->children[0].get());
            } else {
                m_values.append(interpreter.visit(*child, current));
                m_expressions.push_back(nullptr);
            }
        }
    }

    qsizetype count() const { return m_values.size(); }
    const QJsonValue &value(qsizetype i) const { return m_values.at(i); }
    const QList<QJsonValue> &values() const { return m_values; }

    QJsonValue typeError(qsizetype i, const QString &expected)
    {
        const QString got = m_expressions[size_t(i)] ? QStringLiteral("an expression (&...)")
                                                     : typeName(m_values.at(i));
        return m_interpreter.fail(m_node,
            QStringLiteral("%1() expects %2 as argument %3, got %4")
                .arg(m_node.name, expected)
                .arg(i + 1)
                .arg(got));
    }

    bool is(qsizetype i, QJsonValue::Type type) const
    {
        return !m_expressions[size_t(i)] && m_values.at(i).type() == type;
    }

    std::optional<double> number(qsizetype i)
    {
        if (is(i, QJsonValue::Double))
            return m_values.at(i).toDouble();
        typeError(i, QStringLiteral("a number"));
        return std::nullopt;
    }

    std::optional<QString> string(qsizetype i)
    {
        if (is(i, QJsonValue::String))
            return m_values.at(i).toString();
        typeError(i, QStringLiteral("a string"));
        return std::nullopt;
    }

    std::optional<QJsonArray> array(qsizetype i)
    {
        if (is(i, QJsonValue::Array))
            return m_values.at(i).toArray();
        typeError(i, QStringLiteral("an array"));
        return std::nullopt;
    }

    std::optional<QJsonObject> object(qsizetype i)
    {
        if (is(i, QJsonValue::Object))
            return m_values.at(i).toObject();
        typeError(i, QStringLiteral("an object"));
        return std::nullopt;
    }

    // An array whose elements are all numbers or all strings (`numbersOnly`: numbers).
    std::optional<QJsonArray> sortable(qsizetype i, bool numbersOnly)
    {
        const QString expected = numbersOnly
            ? QStringLiteral("an array of numbers")
            : QStringLiteral("an array of numbers or an array of strings");
        if (!is(i, QJsonValue::Array)) {
            typeError(i, expected);
            return std::nullopt;
        }
        const QJsonArray array = m_values.at(i).toArray();
        const ElementKind kind = elementKind(array);
        if (kind == ElementKind::Mixed || (numbersOnly && kind == ElementKind::Strings)) {
            m_interpreter.fail(m_node,
                QStringLiteral("%1() expects %2 as argument %3")
                    .arg(m_node.name, expected)
                    .arg(i + 1));
            return std::nullopt;
        }
        return array;
    }

    const Node *expression(qsizetype i)
    {
        if (!m_expressions[size_t(i)])
            typeError(i, QStringLiteral("an expression such as &name"));
        return m_expressions[size_t(i)];
    }

    // The key of each element under `expression`, all numbers or all strings.
    std::optional<QList<QJsonValue>> keysBy(const QJsonArray &array, const Node &expression)
    {
        QList<QJsonValue> keys;
        QJsonArray asArray;
        for (const QJsonValue &element : array) {
            keys.append(m_interpreter.visit(expression, element));
            asArray.append(keys.last());
        }
        if (elementKind(asArray) == ElementKind::Mixed) {
            m_interpreter.fail(m_node,
                QStringLiteral("%1() needs the expression to give all "
                               "numbers or all strings")
                    .arg(m_node.name));
            return std::nullopt;
        }
        return keys;
    }

    Interpreter &interpreter() { return m_interpreter; }

private:
    Interpreter &m_interpreter;
    const Node &m_node;
    QList<QJsonValue> m_values;
    std::vector<const Node *> m_expressions;
};

QJsonValue minOrMax(Call &call, bool wantMax)
{
    const std::optional<QJsonArray> array = call.sortable(0, false);
    if (!array || array->isEmpty())
        return QJsonValue();
    QJsonValue best = array->at(0);
    for (const QJsonValue &element : *array) {
        if (wantMax ? lessThan(best, element) : lessThan(element, best))
            best = element;
    }
    return best;
}

QJsonValue minOrMaxBy(Call &call, bool wantMax)
{
    const std::optional<QJsonArray> array = call.array(0);
    const Node *expression = array ? call.expression(1) : nullptr;
    if (!expression || array->isEmpty())
        return QJsonValue();
    const std::optional<QList<QJsonValue>> keys = call.keysBy(*array, *expression);
    if (!keys)
        return QJsonValue();
    qsizetype best = 0;
    for (qsizetype i = 1; i < keys->size(); ++i) {
        if (wantMax ? lessThan(keys->at(best), keys->at(i)) : lessThan(keys->at(i), keys->at(best)))
            best = i;
    }
    return array->at(best);
}

QJsonValue sortBy(Call &call)
{
    const std::optional<QJsonArray> array = call.array(0);
    const Node *expression = array ? call.expression(1) : nullptr;
    if (!expression)
        return QJsonValue();
    const std::optional<QList<QJsonValue>> keys = call.keysBy(*array, *expression);
    if (!keys)
        return QJsonValue();
    std::vector<qsizetype> order(size_t(array->size()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = qsizetype(i);
    std::stable_sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return lessThan(keys->at(a), keys->at(b)); });
    QJsonArray sorted;
    for (qsizetype i : order)
        sorted.append(array->at(i));
    return sorted;
}

QJsonValue length(Call &call)
{
    const QJsonValue &value = call.value(0);
    if (call.is(0, QJsonValue::String))
        return qint64(value.toString().toUcs4().size());
    if (call.is(0, QJsonValue::Array))
        return qint64(value.toArray().size());
    if (call.is(0, QJsonValue::Object))
        return qint64(value.toObject().size());
    return call.typeError(0, QStringLiteral("a string, array or object"));
}

QJsonValue contains(Call &call)
{
    const QJsonValue &subject = call.value(0);
    const QJsonValue &search = call.value(1);
    if (call.is(0, QJsonValue::String))
        return search.isString() && subject.toString().contains(search.toString());
    if (call.is(0, QJsonValue::Array)) {
        const QJsonArray array = subject.toArray();
        return std::any_of(array.begin(), array.end(),
            [&](const QJsonValue &element) { return jsonEquals(element, search); });
    }
    return call.typeError(0, QStringLiteral("an array or a string"));
}

QJsonValue join(Call &call)
{
    const std::optional<QString> glue = call.string(0);
    const std::optional<QJsonArray> array = glue ? call.array(1) : std::nullopt;
    if (!array)
        return QJsonValue();
    QStringList parts;
    for (const QJsonValue &element : *array) {
        if (!element.isString())
            return call.typeError(1, QStringLiteral("an array of strings"));
        parts.append(element.toString());
    }
    return parts.join(*glue);
}

QJsonValue reverse(Call &call)
{
    if (call.is(0, QJsonValue::String)) {
        QList<uint> codePoints = call.value(0).toString().toUcs4();
        std::reverse(codePoints.begin(), codePoints.end());
        return QString::fromUcs4(
            reinterpret_cast<const char32_t *>(codePoints.constData()), codePoints.size());
    }
    if (call.is(0, QJsonValue::Array)) {
        QJsonArray reversed;
        for (const QJsonValue &element : call.value(0).toArray())
            reversed.prepend(element);
        return reversed;
    }
    return call.typeError(0, QStringLiteral("a string or an array"));
}

QJsonValue toNumber(Call &call)
{
    const QJsonValue &value = call.value(0);
    if (value.isDouble())
        return value;
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        return ok ? makeNumber(number) : QJsonValue();
    }
    return QJsonValue();
}

using Handler = QJsonValue (*)(Call &);

const QHash<QString, Handler> &handlers()
{
    static const QHash<QString, Handler> table = {
        { QStringLiteral("abs"),
            [](Call &c) {
                auto n = c.number(0);
                return n ? makeNumber(std::fabs(*n)) : QJsonValue();
            } },
        { QStringLiteral("avg"),
            [](Call &c) {
                const auto array = c.sortable(0, true);
                if (!array || array->isEmpty())
                    return QJsonValue();
                double sum = 0;
                for (const QJsonValue &element : *array)
                    sum += element.toDouble();
                return makeNumber(sum / double(array->size()));
            } },
        { QStringLiteral("ceil"),
            [](Call &c) {
                auto n = c.number(0);
                return n ? makeNumber(std::ceil(*n)) : QJsonValue();
            } },
        { QStringLiteral("contains"), contains },
        { QStringLiteral("ends_with"),
            [](Call &c) {
                auto subject = c.string(0);
                auto suffix = subject ? c.string(1) : std::nullopt;
                return suffix ? QJsonValue(subject->endsWith(*suffix)) : QJsonValue();
            } },
        { QStringLiteral("floor"),
            [](Call &c) {
                auto n = c.number(0);
                return n ? makeNumber(std::floor(*n)) : QJsonValue();
            } },
        { QStringLiteral("join"), join },
        { QStringLiteral("keys"),
            [](Call &c) {
                auto object = c.object(0);
                return object ? QJsonValue(QJsonArray::fromStringList(object->keys()))
                              : QJsonValue();
            } },
        { QStringLiteral("length"), length },
        { QStringLiteral("map"),
            [](Call &c) {
                const Node *expression = c.expression(0);
                auto array = expression ? c.array(1) : std::nullopt;
                if (!array)
                    return QJsonValue();
                QJsonArray mapped;
                for (const QJsonValue &element : *array)
                    mapped.append(c.interpreter().visit(*expression, element));
                return QJsonValue(mapped);
            } },
        { QStringLiteral("max"), [](Call &c) { return minOrMax(c, true); } },
        { QStringLiteral("max_by"), [](Call &c) { return minOrMaxBy(c, true); } },
        { QStringLiteral("merge"),
            [](Call &c) {
                QJsonObject merged;
                for (qsizetype i = 0; i < c.count(); ++i) {
                    auto object = c.object(i);
                    if (!object)
                        return QJsonValue();
                    for (auto it = object->begin(); it != object->end(); ++it)
                        merged.insert(it.key(), it.value());
                }
                return QJsonValue(merged);
            } },
        { QStringLiteral("min"), [](Call &c) { return minOrMax(c, false); } },
        { QStringLiteral("min_by"), [](Call &c) { return minOrMaxBy(c, false); } },
        { QStringLiteral("not_null"),
            [](Call &c) {
                for (const QJsonValue &value : c.values()) {
                    if (!value.isNull() && !value.isUndefined())
                        return value;
                }
                return QJsonValue();
            } },
        { QStringLiteral("reverse"), reverse },
        { QStringLiteral("sort"),
            [](Call &c) {
                auto array = c.sortable(0, false);
                if (!array)
                    return QJsonValue();
                QList<QJsonValue> elements(array->begin(), array->end());
                std::stable_sort(elements.begin(), elements.end(), lessThan);
                QJsonArray sorted;
                for (const QJsonValue &element : std::as_const(elements))
                    sorted.append(element);
                return QJsonValue(sorted);
            } },
        { QStringLiteral("sort_by"), sortBy },
        { QStringLiteral("starts_with"),
            [](Call &c) {
                auto subject = c.string(0);
                auto prefix = subject ? c.string(1) : std::nullopt;
                return prefix ? QJsonValue(subject->startsWith(*prefix)) : QJsonValue();
            } },
        { QStringLiteral("sum"),
            [](Call &c) {
                const auto array = c.sortable(0, true);
                if (!array)
                    return QJsonValue();
                double sum = 0;
                for (const QJsonValue &element : *array)
                    sum += element.toDouble();
                return makeNumber(sum);
            } },
        { QStringLiteral("to_array"),
            [](Call &c) {
                return c.value(0).isArray() ? c.value(0) : QJsonValue(QJsonArray { c.value(0) });
            } },
        { QStringLiteral("to_number"), toNumber },
        { QStringLiteral("to_string"),
            [](Call &c) {
                return c.value(0).isString() ? c.value(0) : QJsonValue(compactJson(c.value(0)));
            } },
        { QStringLiteral("type"), [](Call &c) { return QJsonValue(typeName(c.value(0))); } },
        { QStringLiteral("values"),
            [](Call &c) {
                auto object = c.object(0);
                if (!object)
                    return QJsonValue();
                QJsonArray values;
                for (auto it = object->begin(); it != object->end(); ++it)
                    values.append(it.value());
                return QJsonValue(values);
            } },
    };
    return table;
}

} // namespace

const FunctionSpec *findFunction(const QString &name)
{
    for (const FunctionSpec &spec : functionSpecs) {
        if (name == QLatin1String(spec.name))
            return &spec;
    }
    return nullptr;
}

QStringList functionNames()
{
    QStringList names;
    for (const FunctionSpec &spec : functionSpecs)
        names.append(QString::fromLatin1(spec.name));
    return names;
}

QJsonValue Interpreter::callFunction(const Node &call, const QJsonValue &current)
{
    Call arguments(*this, call, current);
    if (failed())
        return QJsonValue();
    const Handler handler = handlers().value(call.name);
    Q_ASSERT(handler); // the parser accepts only names in functionSpecs
    return handler ? handler(arguments) : QJsonValue();
}

} // namespace Jmespath::Detail
