// Model, code and environment references: which strings are references (kept as they are,
// never read as files) and whether they are well formed.

#include "yamlschema.h"

#include <QRegularExpression>

namespace YamlSpec::Detail {

namespace {

QString useSegment(AssetUse use)
{
    switch (use) {
    case AssetUse::Model:
        return QStringLiteral("models");
    case AssetUse::Code:
        return QStringLiteral("codes");
    case AssetUse::Environment:
        return QStringLiteral("environments");
    }
    return QString();
}

QString useExample(AssetUse use)
{
    switch (use) {
    case AssetUse::Model:
        return QStringLiteral("azureml:my-model:1 or azureml:my-model@latest");
    case AssetUse::Code:
        return QStringLiteral("azureml:my-code:1");
    case AssetUse::Environment:
        return QStringLiteral("azureml:my-env:1 or "
                              "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest");
    }
    return QString();
}

} // namespace

AssetKind classifyAsset(const QString &text)
{
    if (text.startsWith(QLatin1String("azureml://registries/")))
        return AssetKind::RegistryRef;
    if (text.startsWith(QLatin1String("azureml:/subscriptions/"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("/subscriptions/"), Qt::CaseInsensitive))
        return AssetKind::ArmId;
    // azureml:name:version, azureml:name@label, azureml://datastores/..., and other URIs.
    if (text.startsWith(QLatin1String("azureml:")) || text.contains(QLatin1String("://")))
        return AssetKind::AssetRef;
    return AssetKind::LocalPath;
}

void checkReference(Reader &reader, const YAML::Node &at, const QString &target,
    const QString &text, AssetKind kind, AssetUse use)
{
    if (!reader.ok())
        return;
    const QString segment = useSegment(use);
    const QString example = useExample(use);
    if (kind == AssetKind::RegistryRef) {
        static const QRegularExpression registry(
            QStringLiteral("^azureml://registries/[^/]+/([a-z]+)/[^/]+/(versions|labels)/[^/]+$"));
        const QRegularExpressionMatch match = registry.match(text);
        if (!match.hasMatch() || match.captured(1) != segment) {
            reader.fail(at, target,
                QStringLiteral("`%1` is \"%2\", which is not a registry %3 URI; write "
                               "azureml://registries/<registry>/%3/<name>/versions/"
                               "<version> (or /labels/<label>).")
                    .arg(target, text, segment));
        }
        return;
    }
    if (kind == AssetKind::ArmId) {
        if (!text.contains(QLatin1Char('/') + segment + QLatin1Char('/'), Qt::CaseInsensitive)) {
            reader.fail(at, target,
                QStringLiteral("`%1` is \"%2\", which is not the ARM id of an asset in "
                               "`%3`; write /subscriptions/<sub>/resourceGroups/<rg>/"
                               "providers/Microsoft.MachineLearningServices/workspaces/"
                               "<ws>/%3/<name>/versions/<version>, or %4.")
                    .arg(target, text, segment, example));
        }
        return;
    }
    if (kind != AssetKind::AssetRef)
        return;
    if (text.contains(QLatin1String("://"))) {
        // A datastore or storage URI: only a model can live there.
        if (use != AssetUse::Model) {
            reader.fail(at, target,
                QStringLiteral("`%1` is \"%2\", a storage URI; an %3 is given as %4, "
                               "a registry URI, or (inline) as a local path.")
                    .arg(target, text,
                        use == AssetUse::Code ? QStringLiteral("code asset")
                                              : QStringLiteral("environment"),
                        example));
        }
        return;
    }
    static const QRegularExpression asset(
        QStringLiteral("^azureml:[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_.-]+|@[A-Za-z0-9_.-]+)$"));
    if (!asset.match(text).hasMatch()) {
        reader.fail(at, target,
            QStringLiteral("`%1` is \"%2\", which is not an asset reference; write "
                           "azureml:<name>:<version> or azureml:<name>@<label>, e.g. %3.")
                .arg(target, text, example));
    }
}

} // namespace YamlSpec::Detail
