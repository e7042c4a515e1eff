#pragma once

// rolloutctl: the command line of RolloutDesk, following `az ml online-endpoint` and
// `az ml online-deployment` command for command and flag for flag. Exit codes: 0 success,
// 2 usage error, 1 any other error.

#include "apireply.h"
#include "cliargs.h"
#include "domain.h"
#include "outputformat.h"
#include "workspaceprofile.h"

#include <QJsonValue>
#include <QObject>
#include <functional>

class WorkspaceClient;

class CliApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliApp)
public:
    explicit CliApp(QObject *parent = nullptr);
    ~CliApp() override;

    int run(const QStringList &arguments);

    using Handler = std::function<int(CliApp &, const ParsedArgs &)>;
    struct Entry
    {
        CliCommand command;
        Handler handler;
    };

    // Used by the command handlers (endpointcommands.cpp, deploymentcommands.cpp,
    // hostcommands.cpp).
    ApiResult await(ApiReply *reply);
    Result<WorkspaceClient *> workspace();
    QString stateDir() const;
    int print(const QJsonValue &value); // applies --query and --output
    int fail(const Error &error); // "ERROR: ..." on stderr; 1
    int usageError(const QString &message); // 2
    void warn(const QString &message); // "WARNING: ..." unless --only-show-errors
    void debug(const QString &message);
    bool confirm(const QString &question, const ParsedArgs &args); // --yes, or ask on a terminal
    // The endpoint's deployment names, for traffic output.
    Result<QStringList> deploymentNames(const QString &endpoint);

    static QList<Entry> endpointCommands();
    static QList<Entry> deploymentCommands();
    static QList<Entry> hostCommands();
    static QList<Entry> rolloutCommands();
    static QList<Entry> configureCommands();

    // The workspace the command names (flags, else `configure` defaults, else local).
    const WorkspaceProfile &profile() const { return m_profile; }

private:
    int printGroups(const QList<Entry> &entries, const QString &group);

    OutputFormat::Format m_format = OutputFormat::Format::Json;
    QString m_query;
    bool m_onlyErrors = false;
    bool m_debug = false;
    WorkspaceClient *m_client = nullptr;
    WorkspaceProfile m_profile;
};
