#include "yamlreader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>

namespace YamlSpec::Detail {

namespace {

// data_collector is the one free-form tree; aliases can make it cyclic or explode it.
constexpr int MaxJsonDepth = 32;
constexpr int MaxJsonNodes = 10000;

QString fromStd(const std::string &text) { return QString::fromStdString(text); }

std::pair<int, int> position(const YAML::Node &node)
{
    if (!node.IsDefined())
        return { 0, 0 };
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0 || mark.column < 0)
        return { 0, 0 };
    return { mark.line + 1, mark.column + 1 };
}

// Enum spellings compare without case, '_' and spaces ("AMLToken" == "aml_token").
QString enumKey(const QString &text)
{
    QString key = text.toLower();
    key.remove(QLatin1Char('_'));
    key.remove(QLatin1Char(' '));
    return key;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const int cost = a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1;
            row[j] = std::min({ row[j] + 1, row[j - 1] + 1, diagonal + cost });
            diagonal = above;
        }
    }
    return row[b.size()];
}

QString backticked(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted << QLatin1Char('`') + name + QLatin1Char('`');
    return quoted.join(QStringLiteral(", "));
}

std::optional<qint64> parseInteger(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[-+]?[0-9]+$"));
    if (!pattern.match(text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

} // namespace

QString joinTarget(const QString &prefix, const QString &key)
{
    return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
}

Reader::Reader(
    const Document &document, const QString &sourceName, const QString &baseDir, bool checkPaths)
    : m_document(document)
    , m_sourceName(sourceName)
    , m_baseDir(baseDir)
    , m_checkPaths(checkPaths)
{ }

QString Reader::overrideFor(const QString &target) const
{
    QString best;
    QString label;
    for (auto it = m_document.overrides.cbegin(); it != m_document.overrides.cend(); ++it) {
        const QString &path = it.key();
        const bool related = target == path || target.startsWith(path + QLatin1Char('.'))
            || target.startsWith(path + QLatin1Char('['))
            || path.startsWith(target + QLatin1Char('.'));
        if (related && (path.size() > best.size() || (path.size() == best.size() && path < best))) {
            best = path;
            label = it.value();
        }
    }
    return label;
}

std::pair<YAML::Node, YAML::Node> Reader::walk(const QString &target) const
{
    // (reset(), not operator=: assigning a yaml-cpp node overwrites the node it refers to.)
    YAML::Node node;
    node.reset(m_document.root);
    YAML::Node key;
    for (const QString &segment : target.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        if (!node.IsMap())
            break;
        const YAML::Node next = child(node, segment);
        if (!next.IsDefined())
            break;
        key.reset(keyNode(node, segment));
        node.reset(next);
    }
    return { node, key };
}

void Reader::fail(const YAML::Node &at, const QString &target, const QString &message)
{
    if (m_error)
        return;
    Error error = Error::validation(target, message);
    const QString label = overrideFor(target);
    if (!label.isEmpty()) {
        // The value came from the command line: there is no line to point at.
        error.message = label + QStringLiteral(": ") + message;
    } else {
        // A block mapping or list starts at its first entry, an empty value on the next
        // line: point at the key that names it instead. ({...} and [...] start in place.)
        YAML::Node where = at;
        const bool block = at.IsDefined() && (at.IsMap() || at.IsSequence())
            && at.Style() != YAML::EmitterStyle::Flow;
        if (block || (at.IsDefined() && at.IsNull())) {
            const auto [node, key] = walk(target);
            if (node.is(at) && key.IsDefined())
                where.reset(key);
        }
        const auto [line, column] = position(where);
        error.line = line;
        error.column = column;
        if (!m_sourceName.isEmpty())
            error.message = m_sourceName + QStringLiteral(": ") + message;
    }
    m_error = error;
}

void Reader::failField(
    const YAML::Node &map, const QString &prefix, const QString &key, const QString &message)
{
    const YAML::Node value = child(map, key);
    const bool useValue = value.IsDefined() && !value.IsNull();
    fail(useValue ? value : keyNode(map, key), joinTarget(prefix, key), message);
}

void Reader::failRule(const Error &error, const QString &target)
{
    if (m_error)
        return;
    const QString where = target.isEmpty() ? error.target : target;
    fail(walk(where).first, where, error.message);
    if (m_error && !error.code.isEmpty())
        m_error->code = error.code;
}

YAML::Node Reader::child(const YAML::Node &map, const QString &key)
{
    if (map.IsMap()) {
        const std::string wanted = key.toStdString();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == wanted)
                return it->second;
        }
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node Reader::keyNode(const YAML::Node &map, const QString &key)
{
    if (map.IsMap()) {
        const std::string wanted = key.toStdString();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == wanted)
                return it->first;
        }
    }
    return map;
}

bool Reader::present(const YAML::Node &map, const QString &key)
{
    const YAML::Node node = child(map, key);
    return node.IsDefined() && !node.IsNull();
}

QString Reader::describe(const YAML::Node &node)
{
    if (!node.IsDefined() || node.IsNull())
        return QStringLiteral("empty");
    if (node.IsSequence())
        return QStringLiteral("a list");
    if (node.IsMap())
        return QStringLiteral("a mapping");
    QString text = fromStd(node.Scalar());
    if (text.size() > 40)
        text = text.left(37) + QStringLiteral("...");
    return QLatin1Char('"') + text + QLatin1Char('"');
}

bool Reader::expectMap(const YAML::Node &node, const QString &target, const QString &example)
{
    if (!ok())
        return false;
    if (node.IsMap())
        return true;
    fail(node, target,
        QStringLiteral("`%1` must be a mapping, but it is %2; write it as %3.")
            .arg(target, describe(node), example));
    return false;
}

void Reader::checkKeys(const YAML::Node &map, const QString &prefix, const QStringList &known,
    const QStringList &ignored)
{
    checkKeyList(map, prefix, &known, ignored);
}

void Reader::checkFreeKeys(const YAML::Node &map, const QString &prefix)
{
    checkKeyList(map, prefix, nullptr, {});
}

// `known` null: any name is allowed.
void Reader::checkKeyList(const YAML::Node &map, const QString &prefix, const QStringList *known,
    const QStringList &ignored)
{
    if (!ok() || !map.IsMap())
        return;
    QStringList seen;
    for (auto it = map.begin(); it != map.end() && ok(); ++it) {
        if (!it->first.IsScalar()) {
            fail(it->first, prefix,
                QStringLiteral("a key%1 is %2; keys are plain field names such as `name`.")
                    .arg(prefix.isEmpty() ? QString() : QStringLiteral(" in `%1`").arg(prefix),
                        describe(it->first)));
            return;
        }
        const QString key = fromStd(it->first.Scalar());
        const QString target = joinTarget(prefix, key);
        if (seen.contains(key)) {
            fail(it->first, target,
                QStringLiteral("`%1` is given twice; keep one of them.").arg(target));
            return;
        }
        seen << key;
        if (!known || known->contains(key) || ignored.contains(key))
            continue;
        QString suggestion;
        int best = 3;
        for (const QString &candidate : *known) {
            const int distance = editDistance(key, candidate);
            if (distance < best) {
                best = distance;
                suggestion = QStringLiteral(" Did you mean `%1`?").arg(candidate);
            }
        }
        const QString where = prefix.isEmpty() ? QString() : QStringLiteral(" in `%1`").arg(prefix);
        fail(it->first, target,
            QStringLiteral("unknown field `%1`%2.%3 Allowed fields%2: %4.")
                .arg(key, where, suggestion, backticked(*known)));
    }
}

std::optional<QString> Reader::text(
    const YAML::Node &map, const QString &prefix, const QString &key)
{
    const YAML::Node node = child(map, key);
    if (!ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    if (!node.IsScalar()) {
        failField(map, prefix, key,
            QStringLiteral("`%1` must be a string, but it is %2; write it on one line as "
                           "`%3: <text>`.")
                .arg(joinTarget(prefix, key), describe(node), key));
        return std::nullopt;
    }
    return fromStd(node.Scalar());
}

std::optional<int> Reader::integer(const YAML::Node &map, const QString &prefix, const QString &key,
    const QString &range, int example)
{
    const YAML::Node node = child(map, key);
    if (!ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    const std::optional<qint64> value
        = node.IsScalar() ? parseInteger(fromStd(node.Scalar())) : std::nullopt;
    if (!value || *value < std::numeric_limits<int>::min()
        || *value > std::numeric_limits<int>::max()) {
        failField(map, prefix, key,
            QStringLiteral("`%1` must be an integer (%2), but it is %3; write a whole "
                           "number, e.g. `%4: %5`.")
                .arg(joinTarget(prefix, key), range, describe(node), key)
                .arg(example));
        return std::nullopt;
    }
    return int(*value);
}

std::optional<bool> Reader::boolean(
    const YAML::Node &map, const QString &prefix, const QString &key)
{
    const YAML::Node node = child(map, key);
    if (!ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    // YAML 1.1 spellings too: az ml reads its files with PyYAML.
    static const QStringList yes
        = { QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on") };
    static const QStringList no
        = { QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("off") };
    const QString text = node.IsScalar() ? fromStd(node.Scalar()).toLower() : QString();
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    failField(map, prefix, key,
        QStringLiteral("`%1` must be a boolean (true or false), but it is %2; write "
                       "`%3: true` or `%3: false`.")
            .arg(joinTarget(prefix, key), describe(node), key));
    return std::nullopt;
}

std::optional<QString> Reader::oneOf(
    const YAML::Node &map, const QString &prefix, const QString &key, const QStringList &allowed)
{
    const std::optional<QString> value = text(map, prefix, key);
    if (!value)
        return std::nullopt;
    for (const QString &candidate : allowed) {
        if (enumKey(*value) == enumKey(candidate))
            return candidate;
    }
    failField(map, prefix, key,
        QStringLiteral("`%1` is \"%2\"; allowed values: %3.")
            .arg(joinTarget(prefix, key), *value, allowed.join(QStringLiteral(", "))));
    return std::nullopt;
}

std::optional<StringMap> Reader::stringMap(
    const YAML::Node &map, const QString &prefix, const QString &key)
{
    const YAML::Node node = child(map, key);
    const QString target = joinTarget(prefix, key);
    if (!ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    if (!node.IsMap()) {
        failField(map, prefix, key,
            QStringLiteral("`%1` must be a mapping of names to strings, but it is %2; "
                           "write `name: value` pairs indented under `%3:`.")
                .arg(target, describe(node), key));
        return std::nullopt;
    }
    checkFreeKeys(node, target);
    StringMap result;
    for (auto it = node.begin(); it != node.end() && ok(); ++it) {
        const QString name = fromStd(it->first.Scalar());
        if (it->second.IsNull()) {
            result.insert(name, QString());
            continue;
        }
        if (!it->second.IsScalar()) {
            failField(node, target, name,
                QStringLiteral("`%1` must be a string, but it is %2; write `%3: <text>` "
                               "(quote text that contains ': ').")
                    .arg(joinTarget(target, name), describe(it->second), name));
            return std::nullopt;
        }
        result.insert(name, fromStd(it->second.Scalar()));
    }
    return ok() ? std::optional<StringMap>(result) : std::nullopt;
}

std::optional<TrafficMap> Reader::percentMap(
    const YAML::Node &map, const QString &prefix, const QString &key, int maxPercent)
{
    const YAML::Node node = child(map, key);
    const QString target = joinTarget(prefix, key);
    if (!ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    if (!node.IsMap()) {
        failField(map, prefix, key,
            QStringLiteral("`%1` must be a mapping of deployment names to integer "
                           "percentages (0 to %2), but it is %3; write e.g. `%4: {blue: "
                           "%2}`.")
                .arg(target)
                .arg(maxPercent)
                .arg(describe(node), key));
        return std::nullopt;
    }
    checkFreeKeys(node, target);
    TrafficMap result;
    for (auto it = node.begin(); it != node.end() && ok(); ++it) {
        const QString name = fromStd(it->first.Scalar());
        const std::optional<int> percent = integer(node, target, name,
            QStringLiteral("a percentage from 0 to %1").arg(maxPercent), std::min(10, maxPercent));
        if (percent)
            result.insert(name, *percent);
        else if (ok()) // null: no number at all
            failField(node, target, name,
                QStringLiteral("`%1` has no value; give an integer percentage from 0 to "
                               "%2, e.g. `%3: 10`.")
                    .arg(joinTarget(target, name))
                    .arg(maxPercent)
                    .arg(name));
    }
    return ok() ? std::optional<TrafficMap>(result) : std::nullopt;
}

std::optional<QStringList> Reader::textList(
    const YAML::Node &map, const QString &prefix, const QString &key)
{
    const YAML::Node node = child(map, key);
    const QString target = joinTarget(prefix, key);
    if (!ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    auto bad = [&](const YAML::Node &at, const QString &what) {
        fail(at, target,
            QStringLiteral("`%1` must be a non-empty list of strings, but %2; write e.g. "
                           "`%3: [python3, serve.py, --port, \"8080\"]`.")
                .arg(target, what, key));
    };
    if (!node.IsSequence()) {
        bad(node, QStringLiteral("it is %1").arg(describe(node)));
        return std::nullopt;
    }
    if (node.size() == 0) {
        bad(node, QStringLiteral("it is empty"));
        return std::nullopt;
    }
    QStringList result;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        if (!item.IsScalar()) {
            bad(item, QStringLiteral("item %1 is %2").arg(i).arg(describe(item)));
            return std::nullopt;
        }
        result << fromStd(item.Scalar());
    }
    return result;
}

std::optional<QJsonValue> Reader::jsonValue(
    const YAML::Node &node, const QString &target, int depth)
{
    if (++m_jsonNodes > MaxJsonNodes || depth > MaxJsonDepth) {
        fail(node, target,
            QStringLiteral("`%1` is nested too deeply or too large (at most %2 levels, %3 "
                           "values); simplify it, and do not let an alias refer to itself.")
                .arg(target)
                .arg(MaxJsonDepth)
                .arg(MaxJsonNodes));
        return std::nullopt;
    }
    if (node.IsNull())
        return QJsonValue(QJsonValue::Null);
    if (node.IsScalar()) {
        const QString text = fromStd(node.Scalar());
        if (node.Tag() == "!") // quoted: always a string
            return QJsonValue(text);
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return QJsonValue(text == QLatin1String("true"));
        if (const std::optional<qint64> integer = parseInteger(text))
            return QJsonValue(*integer);
        static const QRegularExpression number(
            QStringLiteral("^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$"));
        if (number.match(text).hasMatch())
            return QJsonValue(text.toDouble());
        return QJsonValue(text);
    }
    if (node.IsSequence()) {
        QJsonArray array;
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::optional<QJsonValue> item
                = jsonValue(node[i], QStringLiteral("%1[%2]").arg(target).arg(i), depth + 1);
            if (!item)
                return std::nullopt;
            array.append(*item);
        }
        return QJsonValue(array);
    }
    checkFreeKeys(node, target);
    QJsonObject object;
    for (auto it = node.begin(); it != node.end() && ok(); ++it) {
        const QString key = fromStd(it->first.Scalar());
        const std::optional<QJsonValue> item
            = jsonValue(it->second, joinTarget(target, key), depth + 1);
        if (!item)
            return std::nullopt;
        object.insert(key, *item);
    }
    if (!ok())
        return std::nullopt;
    return QJsonValue(object);
}

std::optional<QJsonObject> Reader::jsonObject(
    const YAML::Node &map, const QString &prefix, const QString &key)
{
    const YAML::Node node = child(map, key);
    const QString target = joinTarget(prefix, key);
    if (!ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    if (!expectMap(node, target, QStringLiteral("fields indented under `%1:`").arg(key)))
        return std::nullopt;
    m_jsonNodes = 0;
    const std::optional<QJsonValue> value = jsonValue(node, target, 0);
    if (!value)
        return std::nullopt;
    return value->toObject();
}

QString Reader::resolve(const QString &raw) const
{
    return QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(raw));
}

QString Reader::localPath(
    const YAML::Node &at, const QString &target, const QString &raw, PathKind kind)
{
    const QString path = resolve(raw);
    if (!ok() || !m_checkPaths)
        return path;
    const QFileInfo info(path);
    const QString base = QStringLiteral("relative paths start from the folder of the YAML file, "
                                        "%1")
                             .arg(QDir::toNativeSeparators(m_baseDir));
    if (!info.exists()) {
        const QString what = kind == PathKind::File ? QStringLiteral("file")
            : kind == PathKind::Folder              ? QStringLiteral("folder")
                                                    : QStringLiteral("file or folder");
        fail(at, target,
            QStringLiteral("`%1` is \"%2\", which resolves to %3, but there is no such %4. Fix "
                           "the path (%5).")
                .arg(target, raw, QDir::toNativeSeparators(path), what, base));
    } else if (kind == PathKind::Folder && !info.isDir()) {
        fail(at, target,
            QStringLiteral("`%1` resolves to %2, which is a file; it must be a folder. Give "
                           "the folder that holds it.")
                .arg(target, QDir::toNativeSeparators(path)));
    } else if (kind == PathKind::File && !info.isFile()) {
        fail(at, target,
            QStringLiteral("`%1` resolves to %2, which is a folder; it must be a file. Give "
                           "the path of the file inside it.")
                .arg(target, QDir::toNativeSeparators(path)));
    }
    return path;
}

} // namespace YamlSpec::Detail
