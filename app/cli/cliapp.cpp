#include "cliapp.h"

#include "clientinfo.h"
#include "cliworkspace.h"
#include "jmespath.h"
#include "localhost.h"
#include "workspaceclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QTextStream>
#include <cstdio>
#include <unistd.h>

namespace {

void writeOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void writeErr(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

CliApp::CliApp(QObject *parent)
    : QObject(parent)
{ }

CliApp::~CliApp() = default;

QString CliApp::stateDir() const { return LocalWorkspace::stateDir(); }

ApiResult CliApp::await(ApiReply *reply)
{
    if (reply->isFinished())
        return reply->result();
    ApiResult result;
    QEventLoop loop;
    connect(reply, &ApiReply::finished, &loop, [&](const ApiResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

Result<WorkspaceClient *> CliApp::workspace()
{
    if (m_client)
        return m_client;
    if (!m_profile.isLocal()) {
        m_client = new WorkspaceClient(
            m_profile.connection(ClientInfo::userAgent(QStringLiteral("rolloutctl"))), this);
        m_client->setCredential(CliWorkspace::credentialFor(m_profile, m_client));
        debug(QStringLiteral("Azure ML workspace %1 at %2")
                  .arg(m_profile.workspacePath(), m_profile.armBaseUrl()));
        if (m_debug)
            m_client->traceHook = [this](const QString &line) { debug(line); };
        return m_client;
    }
    const QString dir = stateDir();
    LocalHostLauncher launcher(dir);
    std::optional<Error> failure;
    QEventLoop loop;
    connect(&launcher, &LocalHostLauncher::hostReady, &loop, [&]() { loop.quit(); });
    connect(&launcher, &LocalHostLauncher::hostFailed, &loop, [&](const Error &error) {
        failure = error;
        loop.quit();
    });
    launcher.ensureRunning();
    loop.exec();
    if (failure)
        return *failure;
    Result<WorkspaceConnection> connection = LocalHostLauncher::connectionFor(
        dir, ClientInfo::userAgent(QStringLiteral("rolloutctl")));
    if (!connection)
        return connection.error();
    debug(QStringLiteral("local workspace %1 at %2").arg(dir, connection->baseUrl));
    m_client = new WorkspaceClient(connection.value(), this);
    if (m_debug)
        m_client->traceHook = [this](const QString &line) { debug(line); };
    return m_client;
}

int CliApp::print(const QJsonValue &value)
{
    QJsonValue shown = value;
    if (!m_query.isEmpty()) {
        Result<QJsonValue> queried = Jmespath::evaluate(m_query, value);
        if (!queried)
            return usageError(queried.error().message);
        shown = queried.value();
    }
    writeOut(OutputFormat::render(shown, m_format));
    return 0;
}

int CliApp::fail(const Error &error)
{
    writeErr(QStringLiteral("ERROR: ") + error.message + QLatin1Char('\n'));
    return 1;
}

int CliApp::usageError(const QString &message)
{
    writeErr(QStringLiteral("ERROR: ") + message + QLatin1Char('\n'));
    return 2;
}

void CliApp::warn(const QString &message)
{
    if (!m_onlyErrors)
        writeErr(QStringLiteral("WARNING: ") + message + QLatin1Char('\n'));
}

void CliApp::debug(const QString &message)
{
    if (m_debug)
        writeErr(QStringLiteral("DEBUG: ") + message + QLatin1Char('\n'));
}

bool CliApp::confirm(const QString &question, const ParsedArgs &args)
{
    if (args.isSet(QStringLiteral("yes")))
        return true;
    if (!::isatty(STDIN_FILENO))
        return false;
    writeErr(question + QStringLiteral(" (y/n): "));
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

Result<QStringList> CliApp::deploymentNames(const QString &endpoint)
{
    Result<WorkspaceClient *> client = workspace();
    if (!client)
        return client.error();
    const ApiResult result = await(client.value()->listDeployments(endpoint));
    if (!result.ok())
        return *result.error;
    QStringList names;
    for (const QJsonValue &d : result.json.value(QStringLiteral("value")).toArray())
        names << d.toObject().value(QStringLiteral("name")).toString();
    return names;
}

int CliApp::printGroups(const QList<Entry> &entries, const QString &group)
{
    QString text;
    if (group.isEmpty()) {
        text = QStringLiteral(
            "\nrolloutctl: safe rollouts of Azure ML online endpoints, on the local workspace.\n"
            "Commands follow `az ml online-endpoint` and `az ml online-deployment`.\n\n"
            "Groups\n"
            "    online-endpoint     Manage online endpoints (create, show, list, update, delete,\n"
            "                        invoke, get-credentials, regenerate-keys).\n"
            "    online-deployment   Manage deployments of an endpoint (create, show, list,\n"
            "                        update, delete, get-logs).\n"
            "    host                The local workspace's host (status, stop, logs).\n"
            "    rollout             Guarded rollouts from a plan file (start, status, pause,\n"
            "                        resume, promote, abort).\n"
            "    configure           Defaults for --subscription, --resource-group/-g and\n"
            "                        --workspace-name/-w (an Azure ML workspace).\n\n"
            "The tutorial, with this program in place of `az ml`:\n"
            "    rolloutctl online-endpoint create --name my-endpoint -f endpoint.yml\n"
            "    rolloutctl online-deployment create --name blue --endpoint-name my-endpoint -f "
            "blue-deployment.yml --all-traffic\n"
            "    rolloutctl online-endpoint update --name my-endpoint --traffic \"blue=90 "
            "green=10\"\n\n"
            "Use `rolloutctl GROUP --help` and `rolloutctl GROUP COMMAND --help` for more.\n");
    } else {
        text = QStringLiteral("\nGroup\n    rolloutctl %1\n\nCommands\n").arg(group);
        for (const Entry &e : entries) {
            if (e.command.group == group)
                text
                    += QStringLiteral("    %1%2\n").arg(e.command.name, -18).arg(e.command.summary);
        }
    }
    writeOut(text);
    return 0;
}

int CliApp::run(const QStringList &arguments)
{
    const QList<Entry> entries = endpointCommands() + deploymentCommands() + hostCommands()
        + rolloutCommands() + configureCommands();
    QStringList args = arguments.mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("--help"))
        return printGroups(entries, QString());
    const QString group = args.takeFirst();
    const bool knownGroup = std::any_of(
        entries.cbegin(), entries.cend(), [&](const Entry &e) { return e.command.group == group; });
    if (!knownGroup) {
        return usageError(QStringLiteral("'%1' is not a rolloutctl command. Groups: "
                                         "online-endpoint, online-deployment, host, rollout, "
                                         "configure. See 'rolloutctl --help'.")
                              .arg(group));
    }
    // A group that is itself the command (`configure`, as `az configure`) takes no name.
    const bool groupIsCommand = std::any_of(entries.cbegin(), entries.cend(),
        [&](const Entry &e) { return e.command.group == group && e.command.name.isEmpty(); });
    if (!groupIsCommand
        && (args.isEmpty() || args.first() == QLatin1String("-h")
            || args.first() == QLatin1String("--help")))
        return printGroups(entries, group);
    const QString name = groupIsCommand ? QString() : args.takeFirst();
    auto entry = std::find_if(entries.cbegin(), entries.cend(),
        [&](const Entry &e) { return e.command.group == group && e.command.name == name; });
    if (entry == entries.cend()) {
        QStringList names;
        for (const Entry &e : entries) {
            if (e.command.group == group)
                names << e.command.name;
        }
        return usageError(QStringLiteral("'%1' is not a command of '%2'. Commands: %3.")
                              .arg(name, group, names.join(QStringLiteral(", "))));
    }
    Result<ParsedArgs> parsed = CliArgs::parse(entry->command, args);
    if (!parsed)
        return usageError(parsed.error().message);
    if (parsed->isSet(QStringLiteral("help"))) {
        writeOut(CliArgs::helpText(entry->command));
        return 0;
    }
    if (parsed->isSet(QStringLiteral("output"))) {
        Result<OutputFormat::Format> format
            = OutputFormat::parseFormat(parsed->value(QStringLiteral("output")));
        if (!format)
            return usageError(format.error().message);
        m_format = format.value();
    }
    m_query = parsed->value(QStringLiteral("query"));
    if (!m_query.isEmpty()) {
        // A bad query is a usage error, found before anything changes.
        if (Status check = Jmespath::check(m_query); !check)
            return usageError(check.error().message);
    }
    m_onlyErrors = parsed->isSet(QStringLiteral("only-show-errors"));
    m_debug = parsed->isSet(QStringLiteral("debug"));
    // A wrong workspace is a usage error, found before anything changes (`configure` itself
    // must still run, to repair bad defaults).
    if (!groupIsCommand) {
        Result<WorkspaceProfile> profile = CliWorkspace::profileFor(parsed.value());
        if (!profile)
            return usageError(profile.error().message);
        m_profile = profile.value();
    }
    return entry->handler(*this, parsed.value());
}
