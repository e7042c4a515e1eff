#include "cliworkspace.h"

#include "azureclicredential.h"
#include "chainedtokencredential.h"
#include "environmentcredential.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace CliWorkspace {

QStringList defaultKeys()
{
    return { QStringLiteral("group"), QStringLiteral("workspace"), QStringLiteral("subscription"),
        QStringLiteral("tenant"), QStringLiteral("arm_host"), QStringLiteral("authority_host") };
}

QString configPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/rolloutdesk/rolloutctl.ini");
}

QMap<QString, QString> readDefaults()
{
    QSettings settings(configPath(), QSettings::IniFormat);
    settings.beginGroup(QStringLiteral("defaults"));
    QMap<QString, QString> values;
    for (const QString &key : defaultKeys()) {
        const QString value = settings.value(key).toString();
        if (!value.isEmpty())
            values.insert(key, value);
    }
    return values;
}

Status writeDefaults(const QMap<QString, QString> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!defaultKeys().contains(it.key())) {
            return Error::validation(it.key(),
                QStringLiteral("'%1' is not a default rolloutctl keeps; use %2.")
                    .arg(it.key(), defaultKeys().join(QStringLiteral(", "))));
        }
    }
    QDir().mkpath(QFileInfo(configPath()).absolutePath());
    QSettings settings(configPath(), QSettings::IniFormat);
    settings.beginGroup(QStringLiteral("defaults"));
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it.value().isEmpty())
            settings.remove(it.key());
        else
            settings.setValue(it.key(), it.value());
    }
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        return Error { QStringLiteral("ConfigNotWritten"),
            QStringLiteral("Cannot write %1; check that the folder is writable.").arg(configPath()),
            QString(), 0, 0 };
    }
    return {};
}

Result<WorkspaceProfile> profileFor(const ParsedArgs &args)
{
    const QMap<QString, QString> defaults = readDefaults();
    auto pick = [&](const char *flag, const char *key) {
        const QString name = QLatin1String(flag);
        return args.isSet(name) ? args.value(name) : defaults.value(QLatin1String(key));
    };
    WorkspaceProfile profile;
    profile.resourceGroup = pick("resource-group", "group");
    profile.workspaceName = pick("workspace-name", "workspace");
    // A subscription alone (say, a default kept for other tools) does not leave the local
    // workspace; with a group or a workspace it is needed.
    if (!profile.resourceGroup.isEmpty() || !profile.workspaceName.isEmpty()
        || args.isSet(QStringLiteral("subscription"))) {
        profile.subscriptionId = pick("subscription", "subscription");
        profile.tenantId = defaults.value(QStringLiteral("tenant"));
        profile.armHost = defaults.value(QStringLiteral("arm_host"));
        profile.authorityHost = defaults.value(QStringLiteral("authority_host"));
    }
    if (Status valid = profile.validate(); !valid)
        return valid.error();
    return profile;
}

TokenCredential *credentialFor(const WorkspaceProfile &profile, QObject *parent)
{
    return new ChainedTokenCredential(
        { new EnvironmentCredential(profile.authorityBaseUrl(), profile.armScope()),
            new AzureCliCredential(profile.armResource(), profile.tenantId) },
        parent);
}

} // namespace CliWorkspace
