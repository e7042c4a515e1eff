// The document side of the YAML loader: text -> yaml-cpp document, and `--set` overrides
// applied to it before it is read.

#include "yamlreader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace YamlSpec::Detail {

namespace {

QString fromStd(const std::string &text) { return QString::fromStdString(text); }

Error errorAt(const YAML::Mark &mark, const QString &message)
{
    Error error = Error::validation(QString(), message);
    if (mark.line >= 0) {
        error.line = mark.line + 1;
        error.column = mark.column + 1;
    }
    return error;
}

// yaml-cpp 0.7's LoadAll loops for ever, eating memory, when a document starts with a ','
// outside any [list] or {mapping}: the parser hands out one empty document after another
// without consuming it. This pass only watches where documents start and stops at the first
// that starts where the previous one did.
class StuckDocumentFinder final : public YAML::EventHandler
{
public:
    bool stuck = false;
    YAML::Mark mark;

    void OnDocumentStart(const YAML::Mark &start) override
    {
        stuck = m_seen && start.pos == mark.pos;
        m_seen = true;
        mark = start;
    }
    void OnDocumentEnd() override { }
    void OnNull(const YAML::Mark &, YAML::anchor_t) override { }
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override { }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t,
        const std::string &) override
    { }
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
        YAML::EmitterStyle::value) override
    { }
    void OnSequenceEnd() override { }
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
        YAML::EmitterStyle::value) override
    { }
    void OnMapEnd() override { }

private:
    bool m_seen = false;
};

} // namespace

Result<YAML::Node> parseText(const QByteArray &text, const QString &sourceName)
{
    const QString where = sourceName.isEmpty() ? QStringLiteral("The YAML text") : sourceName;
    std::vector<YAML::Node> documents;
    try {
        std::istringstream stream(text.toStdString());
        YAML::Parser parser(stream);
        StuckDocumentFinder finder;
        while (parser.HandleNextDocument(finder)) {
            if (finder.stuck) {
                return errorAt(finder.mark,
                    QStringLiteral("%1: YAML syntax error: a ',' outside any [list] or "
                                   "{mapping}. Remove it, or quote the value it belongs to.")
                        .arg(where));
            }
        }
        documents = YAML::LoadAll(text.toStdString());
    } catch (const YAML::ParserException &e) {
        return errorAt(e.mark,
            QStringLiteral("%1: YAML syntax error: %2. Check the indentation (spaces, "
                           "not tabs) and quote values that contain ': ' or start "
                           "with a special character.")
                .arg(where, fromStd(e.msg)));
    } catch (const YAML::Exception &e) {
        return errorAt(
            e.mark, QStringLiteral("%1 is not valid YAML: %2.").arg(where, fromStd(e.msg)));
    } catch (const std::exception &e) {
        return Error::validation(QString(),
            QStringLiteral("%1 could not be read as YAML: %2.")
                .arg(where, QString::fromLocal8Bit(e.what())));
    }
    std::vector<YAML::Node> nonEmpty;
    for (const YAML::Node &document : documents) {
        if (!document.IsNull())
            nonEmpty.push_back(document);
    }
    if (nonEmpty.empty()) {
        return Error::validation(QString(),
            QStringLiteral("%1 is empty. Write the fields as `key: value` "
                           "lines, starting with `name: ...`.")
                .arg(where));
    }
    if (nonEmpty.size() > 1) {
        return errorAt(nonEmpty[1].Mark(),
            QStringLiteral("%1 holds %2 YAML documents (separated by `---`); put "
                           "one endpoint or deployment in each file.")
                .arg(where)
                .arg(nonEmpty.size()));
    }
    const YAML::Node root = nonEmpty.front();
    if (!root.IsMap()) {
        const QString what
            = root.IsSequence() ? QStringLiteral("a list") : QStringLiteral("a single value");
        return errorAt(root.Mark(),
            QStringLiteral("%1: the top level is %2, but it must be a mapping of "
                           "fields (`name: ...` lines, without a leading '-').")
                .arg(where, what));
    }
    return root;
}

Status setPath(
    Document &document, const QString &path, const YAML::Node &value, const QString &label)
{
    const QStringList segments = path.split(QLatin1Char('.'));
    auto bad = [&](const QString &why) {
        return Error::validation(path, label + QStringLiteral(": ") + why);
    };
    YAML::Node current;
    current.reset(document.root);
    QString walked;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &segment = segments[i];
        const bool last = i == segments.size() - 1;
        if (current.IsSequence()) {
            bool ok = false;
            const int index = segment.toInt(&ok);
            if (!ok || index < 0 || std::size_t(index) >= current.size()) {
                return bad(QStringLiteral("`%1` is a list of %2; use an index from 0 to %3.")
                               .arg(walked)
                               .arg(current.size())
                               .arg(int(current.size()) - 1));
            }
            if (last) {
                current[index] = value;
            } else {
                YAML::Node next = current[index];
                current.reset(next);
            }
        } else if (current.IsMap()) {
            const std::string key = segment.toStdString();
            if (last) {
                current[key] = value;
            } else {
                YAML::Node next = current[key];
                if (!next.IsDefined() || next.IsNull()) {
                    current[key] = YAML::Node(YAML::NodeType::Map);
                    next.reset(current[key]);
                }
                current.reset(next);
            }
        } else {
            return bad(QStringLiteral("`%1` is a single value, so `%2` cannot be set; set `%1` "
                                      "itself.")
                           .arg(walked, path));
        }
        walked = joinTarget(walked, segment);
    }
    document.overrides.insert(path, label);
    return {};
}

Status applySetOverride(Document &document, const QString &override)
{
    const QString label = QStringLiteral("--set ") + override;
    const QString examples = QStringLiteral("e.g. --set instance_count=2 or --set "
                                            "request_settings.request_timeout_ms=9000");
    const qsizetype equals = override.indexOf(QLatin1Char('='));
    if (equals < 0) {
        return Error::validation(QStringLiteral("--set"),
            QStringLiteral("%1: expected key=value with a dotted key, %2.").arg(label, examples));
    }
    const QString key = override.left(equals).trimmed();
    if (key.isEmpty()) {
        return Error::validation(QStringLiteral("--set"),
            QStringLiteral("%1: the key before '=' is empty; name the field "
                           "to set, %2.")
                .arg(label, examples));
    }
    if (key.split(QLatin1Char('.')).contains(QString())) {
        return Error::validation(key,
            QStringLiteral("%1: the key `%2` has an empty part; "
                           "separate field names with single dots, %3.")
                .arg(label, key, examples));
    }
    const QString text = override.mid(equals + 1);
    YAML::Node value;
    if (text.trimmed().isEmpty()) {
        value.reset(YAML::Node(std::string()));
    } else {
        try {
            value.reset(YAML::Load(text.toStdString()));
        } catch (const YAML::Exception &e) {
            return Error::validation(key,
                QStringLiteral("%1: the value is not valid YAML (%2); "
                               "quote it, e.g. %3='\"text\"'.")
                    .arg(label, fromStd(e.msg), key));
        }
    }
    return setPath(document, key, value, label);
}

} // namespace YamlSpec::Detail
