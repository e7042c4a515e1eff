// The credential chain against a local OAuth2 token endpoint: client credentials, device
// code (pending, slow_down, expiry, refresh), the Azure CLI, the chain's order, the
// in-memory cache, and that no token or secret reaches a log line or an error message.

#include "azureclicredential.h"
#include "chainedtokencredential.h"
#include "devicecodecredential.h"
#include "environmentcredential.h"
#include "fakeoauthserver.h"
#include "workspaceclient.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr char Scope[] = "https://management.azure.com/.default";

Result<BearerToken> await(TokenCredential *credential)
{
    TokenReply *reply = credential->getToken();
    QSignalSpy spy(reply, &TokenReply::finished);
    if (!spy.wait(20000))
        return Error { QStringLiteral("Timeout"), QStringLiteral("no answer"), QString(), 0, 0 };
    return reply->result();
}

QProcessEnvironment environment(const FakeOAuthServer &server, const QString &secret)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("AZURE_TENANT_ID"), server.tenant);
    env.insert(QStringLiteral("AZURE_CLIENT_ID"), server.clientId);
    if (!secret.isNull())
        env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), secret);
    return env;
}

QString writeScript(const QTemporaryDir &dir, const QString &name, const QByteArray &body)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write("#!/bin/sh\n" + body);
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

QStringList g_logged;
void collect(QtMsgType, const QMessageLogContext &, const QString &message) { g_logged << message; }

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT
private slots:
    void environmentCredential_data();
    void environmentCredential();
    void cacheSharesAndRenews();
    void deviceCodePendingSlowDownSuccess();
    void deviceCodeExpired();
    void deviceCodeRefreshesWithoutAskingAgain();
    void azureCli_data();
    void azureCli();
    void chainOrder();
    void tokensNeverLogged();
};

void TestCredentials::environmentCredential_data()
{
    QTest::addColumn<QString>("secret"); // null: AZURE_CLIENT_SECRET not set
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("errorText");
    QTest::newRow("signed in") << QStringLiteral("s3cr+t&=/x y") << QString() << QString();
    QTest::newRow("wrong secret")
        << QStringLiteral("wrong") << QStringLiteral("AuthenticationFailed")
        << QStringLiteral("invalid_client: AADSTS7000215: Invalid client secret provided.");
    QTest::newRow("no secret") << QString() << QStringLiteral("CredentialUnavailable")
                               << QStringLiteral("AZURE_CLIENT_SECRET not set");
}

void TestCredentials::environmentCredential()
{
    QFETCH(QString, secret);
    QFETCH(QString, errorCode);
    QFETCH(QString, errorText);
    FakeOAuthServer server;
    QVERIFY(server.listen());
    EnvironmentCredential credential(
        server.authority(), QLatin1String(Scope), environment(server, secret));
    const Result<BearerToken> token = await(&credential);
    if (errorCode.isEmpty()) {
        QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
        QCOMPARE(token->token, server.accessToken);
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(token->expiresOn);
        QVERIFY(left > 3590 && left <= 3600);
        QCOMPARE(server.http().requests().size(), 1);
        const auto &request = server.http().requests().constFirst();
        QCOMPARE(request.target, QByteArray("/tenant-1/oauth2/v2.0/token"));
        const QMap<QString, QString> form = FakeOAuthServer::form(request.body);
        QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
        QCOMPARE(form.value(QStringLiteral("scope")), QLatin1String(Scope));
        // '+', '&', '=' and ' ' in a secret arrive as they are.
        QCOMPARE(form.value(QStringLiteral("client_secret")), secret);
        return;
    }
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, errorCode);
    QVERIFY2(token.error().message.contains(errorText), qPrintable(token.error().message));
    QVERIFY(!token.error().message.contains(QLatin1String("Trace ID"))); // first line only
    if (secret.isNull())
        QCOMPARE(server.http().requests().size(), 0);
}

void TestCredentials::cacheSharesAndRenews()
{
    FakeOAuthServer server;
    QVERIFY(server.listen());
    EnvironmentCredential credential(
        server.authority(), QLatin1String(Scope), environment(server, server.clientSecret));
    // Two callers at once: one request.
    TokenReply *first = credential.getToken();
    TokenReply *second = credential.getToken();
    QSignalSpy firstSpy(first, &TokenReply::finished);
    QSignalSpy secondSpy(second, &TokenReply::finished);
    QTRY_COMPARE(firstSpy.size() + secondSpy.size(), 2);
    QCOMPARE(server.issued, 1);
    QVERIFY(credential.hasFreshToken());
    // Fresh: from memory.
    QVERIFY(await(&credential).ok());
    QCOMPARE(server.issued, 1);
    // A token with less than five minutes left is renewed before use.
    server.expiresIn = TokenCredential::RefreshMarginSecs - 10;
    credential.clearCache();
    QVERIFY(await(&credential).ok());
    QCOMPARE(server.issued, 2);
    QVERIFY(!credential.hasFreshToken());
    QVERIFY(await(&credential).ok());
    QCOMPARE(server.issued, 3);
}

void TestCredentials::deviceCodePendingSlowDownSuccess()
{
    FakeOAuthServer server;
    QVERIFY(server.listen());
    server.devicePolls = { QStringLiteral("authorization_pending"), QStringLiteral("slow_down"),
        QStringLiteral("authorization_pending"), QStringLiteral("ok") };
    DeviceCodeCredential credential(server.authority(), server.tenant, QLatin1String(Scope));
    credential.setClientId(server.clientId);
    const int second = 60;
    credential.setSecondMs(second);
    QSignalSpy code(&credential, &DeviceCodeCredential::userCodeReceived);
    const Result<BearerToken> token = await(&credential);
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
    QCOMPARE(token->token, server.accessToken);
    QCOMPARE(code.size(), 1);
    QCOMPARE(code.at(0).at(0).toString(), QStringLiteral("ABCD-EFGH"));
    QCOMPARE(code.at(0).at(1).toString(), QStringLiteral("https://microsoft.com/devicelogin"));
    QCOMPARE(server.devicePollTimesMs.size(), 4);
    // interval 1 s, then 1 + 5 s after slow_down (with this test's short second).
    const qint64 beforeSlowDown = server.devicePollTimesMs[1] - server.devicePollTimesMs[0];
    const qint64 afterSlowDown = server.devicePollTimesMs[2] - server.devicePollTimesMs[1];
    QVERIFY2(afterSlowDown >= 6 * second * 9 / 10, qPrintable(QString::number(afterSlowDown)));
    QVERIFY2(afterSlowDown > beforeSlowDown,
        qPrintable(QStringLiteral("%1 %2").arg(beforeSlowDown).arg(afterSlowDown)));
    const QMap<QString, QString> form
        = FakeOAuthServer::form(server.http().requests().constLast().body);
    QCOMPARE(form.value(QStringLiteral("device_code")), QStringLiteral("dc-1"));
    QVERIFY(!credential.isWaitingForUser());
}

void TestCredentials::deviceCodeExpired()
{
    FakeOAuthServer server;
    QVERIFY(server.listen());
    server.devicePolls = { QStringLiteral("authorization_pending"), QStringLiteral("expired_token"),
        QStringLiteral("ok") };
    DeviceCodeCredential credential(server.authority(), server.tenant, QLatin1String(Scope));
    credential.setSecondMs(20);
    const Result<BearerToken> token = await(&credential);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, QStringLiteral("AuthenticationFailed"));
    QVERIFY2(token.error().message.contains(QLatin1String("code expired")),
        qPrintable(token.error().message));
    QCOMPARE(server.devicePollTimesMs.size(), 2); // no polling after expiry
    QCOMPARE(server.issued, 0);
    QVERIFY(!credential.hasFreshToken());
}

void TestCredentials::deviceCodeRefreshesWithoutAskingAgain()
{
    FakeOAuthServer server;
    QVERIFY(server.listen());
    server.expiresIn = 60; // inside the renewal margin: every use renews
    DeviceCodeCredential credential(server.authority(), server.tenant, QLatin1String(Scope));
    credential.setSecondMs(10);
    QSignalSpy code(&credential, &DeviceCodeCredential::userCodeReceived);
    QVERIFY(await(&credential).ok());
    server.accessToken = QStringLiteral("at-renewed");
    const Result<BearerToken> renewed = await(&credential);
    QVERIFY(renewed.ok());
    QCOMPARE(renewed->token, QStringLiteral("at-renewed"));
    QCOMPARE(code.size(), 1); // the user was asked once
    QCOMPARE(server.grants.constLast(), QStringLiteral("refresh_token"));
}

void TestCredentials::azureCli_data()
{
    QTest::addColumn<QByteArray>("script"); // empty: no such program
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("errorText");
    // The arguments must be exactly these, as the Azure CLI takes them.
    const QByteArray check
        = "[ \"$*\" = \"account get-access-token --resource https://management.azure.com/ -o "
          "json\" ] || { echo \"bad args: $*\" >&2; exit 2; }\n";
    QTest::newRow("expires_on") << check
            + "echo '{\"accessToken\": \"cli-token\", \"expiresOn\": \"2099-01-01 "
              "10:00:00.000000\", \"expires_on\": 4070944800, \"tokenType\": \"Bearer\"}'\n"
                                << QString() << QString();
    QTest::newRow("expiresOn only") << check
            + "echo '{\"accessToken\": \"cli-token\", \"expiresOn\": \"2099-01-01 "
              "10:00:00.000000\"}'\n"
                                    << QString() << QString();
    QTest::newRow("not signed in")
        << QByteArray("echo \"ERROR: Please run 'az login' to setup account.\" >&2; exit 1\n")
        << QStringLiteral("CredentialUnavailable") << QStringLiteral("run `az login`");
    QTest::newRow("other failure")
        << QByteArray("echo 'ERROR: AADSTS50173: grant expired' >&2; exit 1\n")
        << QStringLiteral("AuthenticationFailed") << QStringLiteral("AADSTS50173");
    QTest::newRow("not installed") << QByteArray() << QStringLiteral("CredentialUnavailable")
                                   << QStringLiteral("cannot start");
}

void TestCredentials::azureCli()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, errorCode);
    QFETCH(QString, errorText);
    QTemporaryDir dir;
    const QString program = script.isEmpty() ? dir.filePath(QStringLiteral("missing-az"))
                                             : writeScript(dir, QStringLiteral("az"), script);
    AzureCliCredential credential(
        QStringLiteral("https://management.azure.com/"), QString(), program);
    const Result<BearerToken> token = await(&credential);
    if (errorCode.isEmpty()) {
        QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message));
        QCOMPARE(token->token, QStringLiteral("cli-token"));
        QCOMPARE(token->expiresOn.date().year(), 2099);
        return;
    }
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, errorCode);
    QVERIFY2(token.error().message.contains(errorText), qPrintable(token.error().message));
}

void TestCredentials::chainOrder()
{
    FakeOAuthServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no-az"));
    {
        // Unavailable ones are passed over; the first that works is kept.
        auto *env = new EnvironmentCredential(
            server.authority(), QLatin1String(Scope), environment(server, server.clientSecret));
        ChainedTokenCredential chain({ new EnvironmentCredential(server.authority(),
                                           QLatin1String(Scope), QProcessEnvironment()),
            new AzureCliCredential(
                QStringLiteral("https://management.azure.com/"), QString(), missing),
            env });
        const Result<BearerToken> token = await(&chain);
        QVERIFY(token.ok());
        QCOMPARE(chain.selected(), env);
    }
    {
        // Nothing available: one message with every reason and what to do.
        ChainedTokenCredential chain({ new EnvironmentCredential(server.authority(),
                                           QLatin1String(Scope), QProcessEnvironment()),
            new AzureCliCredential(
                QStringLiteral("https://management.azure.com/"), QString(), missing) });
        const Result<BearerToken> token = await(&chain);
        QVERIFY(!token.ok());
        QVERIFY(token.error().message.contains(
            QLatin1String("EnvironmentCredential: AZURE_TENANT_ID")));
        QVERIFY(token.error().message.contains(QLatin1String("AzureCliCredential: cannot start")));
        QVERIFY(token.error().message.contains(QLatin1String("az login")));
    }
    {
        // A real failure stops the chain: the next credential is not tried.
        const QString az = writeScript(dir, QStringLiteral("az"),
            "echo '{\"accessToken\": \"cli-token\", \"expires_on\": 4070944800}'\n");
        ChainedTokenCredential chain(
            { new EnvironmentCredential(server.authority(), QLatin1String(Scope),
                  environment(server, QStringLiteral("wrong"))),
                new AzureCliCredential(
                    QStringLiteral("https://management.azure.com/"), QString(), az) });
        const Result<BearerToken> token = await(&chain);
        QVERIFY(!token.ok());
        QCOMPARE(token.error().code, QStringLiteral("AuthenticationFailed"));
        QVERIFY(token.error().message.contains(QLatin1String("invalid_client")));
    }
}

void TestCredentials::tokensNeverLogged()
{
    FakeOAuthServer server;
    QVERIFY(server.listen());
    FakeHttpServer arm;
    QVERIFY(arm.listen());
    arm.handler = [](const FakeHttpServer::Request &r) -> std::optional<FakeHttpServer::Answer> {
        FakeHttpServer::Answer a;
        if (r.target.contains("/onlineEndpoints/missing")) {
            a.status = 404;
            a.body
                = R"({"error": {"code": "ResourceNotFound", "message": "Endpoint missing not found."}})";
        } else {
            a.body = R"({"value": []})";
        }
        return a;
    };
    g_logged.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collect);
    QStringList lines;
    {
        EnvironmentCredential credential(
            server.authority(), QLatin1String(Scope), environment(server, server.clientSecret));
        WorkspaceConnection connection;
        connection.baseUrl = arm.url(QString());
        connection.workspacePath = QStringLiteral("/subscriptions/s/resourceGroups/g/providers/"
                                                  "Microsoft.MachineLearningServices/workspaces/w");
        WorkspaceClient client(connection);
        client.setCredential(&credential);
        client.traceHook = [&](const QString &line) { lines << line; };
        // One call at a time: a reply deletes itself once finished.
        const std::function<ApiReply *()> calls[] = { [&] { return client.listEndpoints(); },
            [&] { return client.getEndpoint(QStringLiteral("missing")); } };
        for (const auto &call : calls) {
            QSignalSpy spy(call(), &ApiReply::finished);
            QVERIFY(spy.wait(10000));
            const ApiResult result = spy.at(0).at(0).value<ApiResult>();
            if (result.error)
                lines << result.error->message;
        }
        EnvironmentCredential wrong(
            server.authority(), QLatin1String(Scope), environment(server, QStringLiteral("wrong")));
        const Result<BearerToken> failed = await(&wrong);
        QVERIFY(!failed.ok());
        lines << failed.error().message;
    }
    qInstallMessageHandler(previous);
    // The token did go on the wire, in the Authorization header...
    QCOMPARE(arm.requests().constFirst().headers.value("authorization"),
        "Bearer " + server.accessToken.toUtf8());
    // ...and nowhere else: not in trace lines, errors or log messages.
    QVERIFY(lines.size() >= 4);
    for (const QString &line : lines + g_logged) {
        QVERIFY2(!line.contains(server.accessToken), qPrintable(line));
        QVERIFY2(!line.contains(server.clientSecret), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("Bearer")), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
