#include "azureclicredential.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace {

constexpr int TimeoutMs = 30000; // azure-identity's default for the CLI

} // namespace

AzureCliCredential::AzureCliCredential(
    const QString &resource, const QString &tenant, const QString &program, QObject *parent)
    : TokenCredential(parent)
    , m_resource(resource)
    , m_tenant(tenant)
    , m_program(program)
{ }

Result<BearerToken> AzureCliCredential::tokenFromOutput(const QByteArray &output)
{
    const QJsonObject json = QJsonDocument::fromJson(output).object();
    const QString token = json.value(QStringLiteral("accessToken")).toString();
    if (token.isEmpty()) {
        return Error { QStringLiteral("AuthenticationFailed"),
            QStringLiteral("AzureCliCredential: `az account get-access-token` printed no "
                           "accessToken; update the Azure CLI (`az upgrade`)."),
            QString(), 0, 0 };
    }
    QDateTime expires;
    if (const QJsonValue epoch = json.value(QStringLiteral("expires_on")); !epoch.isUndefined())
        expires = QDateTime::fromSecsSinceEpoch(
            epoch.isString() ? epoch.toString().toLongLong() : epoch.toInteger(), Qt::UTC);
    if (!expires.isValid()) {
        const QString local = json.value(QStringLiteral("expiresOn")).toString();
        expires = QDateTime::fromString(local.left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        expires = expires.toUTC();
    }
    if (!expires.isValid()) {
        return Error { QStringLiteral("AuthenticationFailed"),
            QStringLiteral("AzureCliCredential: the token's expiry is missing from "
                           "`az account get-access-token`; update the Azure CLI."),
            QString(), 0, 0 };
    }
    return BearerToken { token, expires };
}

void AzureCliCredential::fetch()
{
    const QString program
        = m_program.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("az")) : m_program;
    if (program.isEmpty()) {
        fetchFinished(Error { QLatin1String(Unavailable),
            QStringLiteral("%1: the Azure CLI (az) is not on PATH.").arg(name()), QString(), 0,
            0 });
        return;
    }
    QStringList args { QStringLiteral("account"), QStringLiteral("get-access-token"),
        QStringLiteral("--resource"), m_resource, QStringLiteral("-o"), QStringLiteral("json") };
    if (!m_tenant.isEmpty())
        args << QStringLiteral("--tenant") << m_tenant;
    m_process = new QProcess(this);
    QProcess *process = m_process;
    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, process, [process]() { process->kill(); });
    connect(process, &QProcess::finished, this,
        [this, process, timeout](int code, QProcess::ExitStatus status) {
            timeout->stop();
            process->deleteLater();
            m_process = nullptr;
            if (status != QProcess::NormalExit || code != 0) {
                const QString stderrText
                    = QString::fromUtf8(process->readAllStandardError()).trimmed();
                // "Please run 'az login' to setup account." : nobody signed in, try the next one.
                const bool notSignedIn = stderrText.contains(QLatin1String("az login"));
                const QString first = stderrText.section(QLatin1Char('\n'), 0, 0);
                fetchFinished(Error { notSignedIn ? QLatin1String(Unavailable)
                                                  : QStringLiteral("AuthenticationFailed"),
                    notSignedIn
                        ? QStringLiteral("%1: not signed in; run `az login`.").arg(name())
                        : QStringLiteral("%1: `az account get-access-token` failed%2")
                              .arg(name(),
                                  first.isEmpty() ? QStringLiteral(" (exit code %1).").arg(code)
                                                  : QStringLiteral(": ") + first),
                    QString(), 0, 0 });
                return;
            }
            fetchFinished(tokenFromOutput(process->readAllStandardOutput()));
        });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // crashes and timeouts end in finished()
        process->deleteLater();
        m_process = nullptr;
        fetchFinished(Error { QLatin1String(Unavailable),
            QStringLiteral("%1: cannot start %2: %3")
                .arg(name(), process->program(), process->errorString()),
            QString(), 0, 0 });
    });
    timeout->start(TimeoutMs);
    process->start(program, args);
}
