// rolloutctl configure: defaults for the workspace flags, as `az configure --defaults`.

#include "clicommon.h"
#include "cliworkspace.h"

#include <QJsonObject>

namespace {

int configure(CliApp &app, const ParsedArgs &args)
{
    if (args.isSet(QStringLiteral("defaults"))) {
        QMap<QString, QString> values;
        for (const QString &pair : args.all(QStringLiteral("defaults"))) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                return app.usageError(QStringLiteral("--defaults takes KEY=VALUE pairs (for "
                                                     "example group=my-rg workspace=my-ws), not "
                                                     "'%1'. An empty VALUE removes the default.")
                                          .arg(pair));
            }
            values.insert(pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed());
        }
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            if (!CliWorkspace::defaultKeys().contains(it.key())) {
                return app.usageError(
                    QStringLiteral("'%1' is not a default rolloutctl keeps; "
                                   "use %2.")
                        .arg(it.key(), CliWorkspace::defaultKeys().join(QStringLiteral(", "))));
            }
        }
        // The defaults must still make a valid workspace: bad values are refused, unsaved.
        QMap<QString, QString> merged = CliWorkspace::readDefaults();
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            merged.insert(it.key(), it.value());
        auto value = [&](const char *key, const char *placeholder) {
            const QString v = merged.value(QLatin1String(key));
            return v.isEmpty() ? QLatin1String(placeholder) : v;
        };
        WorkspaceProfile check;
        check.subscriptionId = value("subscription", "00000000-0000-0000-0000-000000000000");
        check.resourceGroup = value("group", "group");
        check.workspaceName = value("workspace", "workspace");
        check.tenantId = merged.value(QStringLiteral("tenant"));
        check.armHost = merged.value(QStringLiteral("arm_host"));
        check.authorityHost = merged.value(QStringLiteral("authority_host"));
        if (Status valid = check.validate(); !valid)
            return app.usageError(QStringLiteral("Nothing saved: ") + valid.error().message);
        if (Status written = CliWorkspace::writeDefaults(values); !written)
            return app.fail(written.error());
    }
    QJsonObject shown;
    const QMap<QString, QString> defaults = CliWorkspace::readDefaults();
    for (auto it = defaults.cbegin(); it != defaults.cend(); ++it)
        shown.insert(it.key(), it.value());
    if (args.isSet(QStringLiteral("defaults")) && !args.isSet(QStringLiteral("list-defaults")))
        return 0;
    return app.print(shown);
}

} // namespace

QList<CliApp::Entry> CliApp::configureCommands()
{
    CliCommand c;
    c.group = QStringLiteral("configure");
    c.summary = QStringLiteral("Save defaults for the workspace flags (as `az configure`).");
    CliOption defaults = Cli::repeated("defaults",
        "Space-separated KEY=VALUE defaults: group, workspace, subscription, tenant, arm_host, "
        "authority_host. An empty VALUE removes one.");
    defaults.shortName = QStringLiteral("d");
    c.options = { defaults, Cli::flag("list-defaults", "l", "List the saved defaults.") };
    c.examples = { QStringLiteral("rolloutctl configure --defaults group=my-rg workspace=my-ws "
                                  "subscription=00000000-1111-2222-3333-444444444444"),
        QStringLiteral("rolloutctl configure --defaults workspace=") };
    return { { c, configure } };
}
