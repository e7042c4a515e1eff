// Shape checks of the REST contract's JSON form: ISO-8601 durations, wrong JSON types and
// values that are errors naming the JSON path (Error.target) and what was expected, and bad
// ARM error envelopes.

#include "armjson.h"
#include "armjsontesthelpers.h"

#include <QTest>

using namespace ArmJson;
using namespace ArmJsonTest;

class TestArmJsonShapes : public QObject
{
    Q_OBJECT

private slots:
    void durations_data();
    void durations();
    void badDurations_data();
    void badDurations();
    void shapeErrors_data();
    void shapeErrors();
    void badErrorEnvelopes_data();
    void badErrorEnvelopes();
};

// ---- (5) ISO-8601 durations -----------------------------------------------------------------

void TestArmJsonShapes::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("canonical");
    const auto row = [](const char *text, qint64 ms, const char *canonical) {
        QTest::newRow(text) << QString::fromLatin1(text) << ms << QString::fromLatin1(canonical);
    };
    row("PT5S", 5000, "PT5S");
    row("PT0.5S", 500, "PT0.5S");
    row("PT5M", 300000, "PT5M");
    row("PT1M30S", 90000, "PT1M30S");
    row("PT90S", 90000, "PT1M30S");
    row("PT10S", 10000, "PT10S");
    row("PT1H", 3600000, "PT1H");
    row("P1D", 86400000, "P1D");
    row("P1DT2H", 93600000, "P1DT2H");
    row("P1W", 604800000, "P7D");
    row("PT0S", 0, "PT0S");
    row("P0D", 0, "PT0S");
    row("PT2.25S", 2250, "PT2.25S");
    row("PT0,5S", 500, "PT0.5S");
    row("PT1H0M5.001S", 3605001, "PT1H5.001S");
    row("PT180S", 180000, "PT3M");
    row("-PT5S", -5000, "-PT5S");
}

void TestArmJsonShapes::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QFETCH(QString, canonical);
    const Result<qint64> parsed = parseDurationMs(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value(), ms);
    QCOMPARE(formatDurationMs(ms), canonical);
    const Result<qint64> again = parseDurationMs(canonical);
    QVERIFY(again.ok());
    QCOMPARE(again.value(), ms);
}

void TestArmJsonShapes::badDurations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    const auto row = [](const char *name, const char *text, const char *why) {
        QTest::newRow(name) << QString::fromLatin1(text) << QString::fromLatin1(why);
    };
    row("empty", "", "start with P");
    row("no P", "5S", "start with P");
    row("lower case", "pt5s", "start with P");
    row("P alone", "P", "no number");
    row("T with nothing", "PT", "nothing follows T");
    row("no unit", "PT5", "no unit");
    row("no number", "PTS", "number is expected");
    row("months", "P1M", "months");
    row("years", "P1Y", "months");
    row("unknown unit", "PT5X", "unknown");
    row("out of order", "PT5S5M", "out of order");
    row("unit twice", "PT5S5S", "out of order");
    row("hours before T", "P1H", "out of order");
    row("two dots", "PT1.2.3S", "not a number");
    row("T twice", "PT1HT5S", "T appears twice");
    row("trailing space", "PT5S ", "number is expected");
    row("plain number", "5000", "start with P");
    // Found by fuzz_armjson: 1.66e18 ms does not fit a double exactly, so it read back changed.
    row("too long", "PT1660000080065941S", "longer than 100000 days");
}

void TestArmJsonShapes::badDurations()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    const Result<qint64> parsed = parseDurationMs(text);
    QVERIFY(!parsed.ok());
    const QString message = parsed.error().message;
    QVERIFY2(message.contains(QStringLiteral("\"%1\"").arg(text)), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("ISO-8601")), qPrintable(message));
    QVERIFY2(message.contains(why), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("PT5S")), qPrintable(message)); // how to fix it
}

// ---- (6) wrong shapes are errors that name the JSON path ------------------------------------

void TestArmJsonShapes::shapeErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("words");
    const auto row = [](const char *name, const char *kind, const char *json, const char *target,
                         const QStringList &words) {
        QTest::newRow(name) << QString::fromLatin1(kind) << QByteArray(json)
                            << QString::fromLatin1(target) << words;
    };
    const auto w = [](std::initializer_list<const char *> list) {
        QStringList words;
        for (const char *word : list)
            words.append(QString::fromLatin1(word));
        return words;
    };
    row("properties not an object", "endpoint", R"({"properties": "x"})", "properties",
        w({ "an object", "\"x\"" }));
    row("traffic value a string", "endpoint", R"({"properties": {"traffic": {"blue": "90"}}})",
        "properties.traffic.blue", w({ "an integer", "\"90\"", "without quotes" }));
    row("traffic value a fraction", "endpoint", R"({"properties": {"traffic": {"blue": 50.5}}})",
        "properties.traffic.blue", w({ "an integer", "50.5" }));
    row("traffic value null", "endpoint", R"({"properties": {"traffic": {"blue": null}}})",
        "properties.traffic.blue", w({ "an integer", "null" }));
    row("traffic value too large", "endpoint",
        R"({"properties": {"traffic": {"blue": 3000000000}}})", "properties.traffic.blue",
        w({ "between" }));
    row("mirrorTraffic an array", "endpoint", R"({"properties": {"mirrorTraffic": [10]}})",
        "properties.mirrorTraffic", w({ "an object", "an array" }));
    row("authMode unknown", "endpoint", R"({"properties": {"authMode": "Password"}})",
        "properties.authMode", w({ "AMLToken", "Key", "\"Password\"" }));
    row("authMode a number", "endpoint", R"({"properties": {"authMode": 1}})",
        "properties.authMode", w({ "a string" }));
    row("tag not a string", "endpoint", R"({"tags": {"team": 7}})", "tags.team",
        w({ "a string", "7" }));
    row("identity type a number", "endpoint", R"({"identity": {"type": 1}})", "identity.type",
        w({ "a string" }));
    row("userAssignedIdentities an array", "endpoint",
        R"({"identity": {"type": "UserAssigned", "userAssignedIdentities": ["/id"]}})",
        "identity.userAssignedIdentities", w({ "an object" }));
    row("sku capacity a string", "deployment", R"({"sku": {"capacity": "1"}})", "sku.capacity",
        w({ "an integer", "\"1\"" }));
    row("sku capacity a fraction", "deployment", R"({"sku": {"capacity": 1.5}})", "sku.capacity",
        w({ "an integer" }));
    row("requestTimeout not ISO", "deployment",
        R"({"properties": {"requestSettings": {"requestTimeout": "5 seconds"}}})",
        "properties.requestSettings.requestTimeout",
        w({ "ISO-8601 duration", "\"5 seconds\"", "PT5S" }));
    row("requestTimeout in ms", "deployment",
        R"({"properties": {"requestSettings": {"requestTimeout": 5000}}})",
        "properties.requestSettings.requestTimeout", w({ "ISO-8601 duration", "5000" }));
    row("requestTimeout over 24 days", "deployment",
        R"({"properties": {"requestSettings": {"requestTimeout": "P30D"}}})",
        "properties.requestSettings.requestTimeout", w({ "24 days" }));
    row("concurrency a string", "deployment",
        R"({"properties": {"requestSettings": {"maxConcurrentRequestsPerInstance": "2"}}})",
        "properties.requestSettings.maxConcurrentRequestsPerInstance", w({ "an integer" }));
    row("probe period 10s", "deployment", R"({"properties": {"livenessProbe": {"period": "10s"}}})",
        "properties.livenessProbe.period", w({ "ISO-8601 duration" }));
    row("probe threshold a string", "deployment",
        R"({"properties": {"readinessProbe": {"failureThreshold": "30"}}})",
        "properties.readinessProbe.failureThreshold", w({ "an integer" }));
    row("appInsightsEnabled a string", "deployment",
        R"({"properties": {"appInsightsEnabled": "true"}})", "properties.appInsightsEnabled",
        w({ "a boolean", "true or false" }));
    row("environment variable a number", "deployment",
        R"({"properties": {"environmentVariables": {"WORKERS": 2}}})",
        "properties.environmentVariables.WORKERS", w({ "a string" }));
    row("localCommand item a number", "deployment",
        R"({"properties": {"localCommand": ["python", 3]}})", "properties.localCommand[1]",
        w({ "a string" }));
    row("localCommand a string", "deployment",
        R"({"properties": {"localCommand": "python serve.py"}})", "properties.localCommand",
        w({ "an array" }));
    row("localPython an array", "deployment", R"({"properties": {"localPython": ["python3"]}})",
        "properties.localPython", w({ "a string" }));
    row("inference port a string", "deployment",
        R"({"properties": {"localEnvironment": {"inferenceConfig": {"scoringRoute": {"port": "5001"}}}}})",
        "properties.localEnvironment.inferenceConfig.scoringRoute.port", w({ "an integer" }));
    row("codeConfiguration a string", "deployment",
        R"({"properties": {"codeConfiguration": "./src"}})", "properties.codeConfiguration",
        w({ "an object" }));
    row("dataCollector an array", "deployment", R"({"properties": {"dataCollector": []}})",
        "properties.dataCollector", w({ "an object" }));
    row("model an object", "deployment", R"({"properties": {"model": {"path": "./model"}}})",
        "properties.model", w({ "a string" }));
    row("token expiry a string", "token", R"({"expiryTimeUtc": "soon"})", "expiryTimeUtc",
        w({ "an integer" }));
    row("logs tail a string", "logsRequest", R"({"tail": "all"})", "tail", w({ "an integer" }));
    row("regenerate unknown key", "regenerateKeys", R"({"keyType": "Tertiary"})", "keyType",
        w({ "Primary", "Secondary", "Tertiary" }));
    row("operation without status", "operation", R"({"id": "x"})", "status", w({ "InProgress" }));
    row("page value an object", "page", R"({"value": {}})", "value", w({ "an array" }));
    row("page without value", "page", R"({"nextLink": "x"})", "value", w({ "missing" }));
    row("metrics status a string", "metrics",
        R"({"cursor": 1, "buckets": [{"status": {"2xx": "many"}}]})", "buckets[0].status.2xx",
        w({ "an integer" }));
    row("metrics bucket a number", "metrics", R"({"buckets": [{}, 1]})", "buckets[1]",
        w({ "an object" }));
    row("metrics latency a string", "metrics", R"({"buckets": [{"latency_ms": {"p95": "fast"}}]})",
        "buckets[0].latency_ms.p95", w({ "a number" }));
    row("history traffic a string", "history",
        R"({"value": [{"traffic": {"before": {"blue": "x"}}}]})", "value[0].traffic.before.blue",
        w({ "an integer" }));
}

void TestArmJsonShapes::shapeErrors()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    QFETCH(QString, target);
    QFETCH(QStringList, words);
    const Result<QJsonObject> out = roundTrip(kind, parse(json));
    QVERIFY2(!out.ok(), "a wrong shape was accepted");
    QCOMPARE(out.error().code, QStringLiteral("ValidationError"));
    QCOMPARE(out.error().target, target);
    const QString message = out.error().message;
    QVERIFY2(message.startsWith(target), qPrintable(message));
    for (const QString &word : words)
        QVERIFY2(message.contains(word),
            qPrintable(QStringLiteral("no \"%1\" in: %2").arg(word, message)));
}

// ---- the ARM error envelope ------------------------------------------------------------------

void TestArmJsonShapes::badErrorEnvelopes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("target");
    QTest::newRow("no error") << QByteArray(R"({"message": "x"})") << QStringLiteral("error");
    QTest::newRow("error a string")
        << QByteArray(R"({"error": "boom"})") << QStringLiteral("error");
    QTest::newRow("code a number")
        << QByteArray(R"({"error": {"code": 5}})") << QStringLiteral("error.code");
    QTest::newRow("details not an array")
        << QByteArray(R"({"error": {"details": {}}})") << QStringLiteral("error.details");
    QTest::newRow("detail a number")
        << QByteArray(R"({"error": {"details": [1]}})") << QStringLiteral("error.details[0]");
    QTest::newRow("detail message a number")
        << QByteArray(R"({"error": {"details": [{"message": 1}]}})")
        << QStringLiteral("error.details[0].message");
}

void TestArmJsonShapes::badErrorEnvelopes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, target);
    const Result<ErrorResponse> read = errorFromJson(parse(json));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().target, target);
    QVERIFY2(read.error().message.startsWith(target), qPrintable(read.error().message));
}

QTEST_APPLESS_MAIN(TestArmJsonShapes)
#include "tst_armjsonshapes.moc"
