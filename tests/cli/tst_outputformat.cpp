// -o json|jsonc|yaml|yamlc|table|tsv|none, printed as az prints them. The JSON and YAML
// expectations were checked against Python's json.dumps(indent=2, sort_keys=True) and
// PyYAML's safe_dump, which az uses.

#include "outputformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using OutputFormat::Format;

Q_DECLARE_METATYPE(OutputFormat::Format)

namespace {

QJsonValue json(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson((QLatin1Char('[') + text + QLatin1Char(']')).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        qFatal("bad test JSON: %s", qPrintable(text));
    return document.array().at(0);
}

// Adjacent one-line raw strings: moc misreads raw strings that span lines.
const char endpointJson[] = R"({"name": "fraud-scorer", "traffic": {"blue": 90, "green": 10},)"
                            R"("deployments": [{"name": "blue", "instance_count": 2},)"
                            R"({"name": "green", "instance_count": 1}],)"
                            R"("tags": {}, "mirror": [], "uri": null, "enabled": true})";

const char deploymentsJson[]
    = R"([{"name": "blue", "provisioning_state": "Succeeded", "instance_count": 2,)"
      R"("id": "/x/blue", "tags": {"a": "b"}},)"
      R"({"name": "green", "provisioning_state": "Updating", "instance_count": 1,)"
      R"("id": "/x/green", "tags": {}}])";

} // namespace

class TestOutputFormat : public QObject
{
    Q_OBJECT

private slots:
    void render_data();
    void render();
    void colorVariants();
    void keyOrdersFromTheQuery();
    void tableWithoutColumns();
    void parseFormat_data();
    void parseFormat();
    void parseFormatRejects();
};

void TestOutputFormat::render_data()
{
    QTest::addColumn<QString>("value"); // JSON
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("expected");

    // Plain literals: moc cannot read raw strings that span lines inside macros.
    auto row = [](const char *name, const char *value, Format format, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(value) << format << QString::fromUtf8(expected);
    };
    const char *endpoint = endpointJson;
    const char *deployments = deploymentsJson;

    // json: 2-space indent, sorted keys, trailing newline.
    row("json number", "42", Format::Json, "42\n");
    row("json string escapes", R"("a\tb\n\"c\" é")", Format::Json, "\"a\\tb\\n\\\"c\\\" é\"\n");
    row("json control character", R"("\u0001")", Format::Json, "\"\\u0001\"\n");
    row("json bool", "true", Format::Json, "true\n");
    row("json null", "null", Format::Json, "");
    row("json empty list", "[]", Format::Json, "[]\n");
    row("json object",
        R"({"name": "blue", "traffic": {"blue": 90, "green": 10}, "tags": {}, "deployments": []})",
        Format::Json,
        "{\n  \"deployments\": [],\n  \"name\": \"blue\",\n  \"tags\": {},\n  \"traffic\": {\n"
        "    \"blue\": 90,\n    \"green\": 10\n  }\n}\n");
    row("json list of objects", R"([{"a": 1}, {"a": 0.5}])", Format::Json,
        "[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": 0.5\n  }\n]\n");
    row("json nested", R"({"ü": [null, false, 1.25]})", Format::Json,
        "{\n  \"ü\": [\n    null,\n    false,\n    1.25\n  ]\n}\n");

    // yaml: PyYAML's block style.
    row("yaml object", endpoint, Format::Yaml,
        "deployments:\n- instance_count: 2\n  name: blue\n- instance_count: 1\n  name: green\n"
        "enabled: true\nmirror: []\nname: fraud-scorer\ntags: {}\ntraffic:\n  blue: 90\n"
        "  green: 10\nuri: null\n");
    row("yaml plain string", R"("abc")", Format::Yaml, "abc\n...\n");
    row("yaml string that reads as bool", R"("true")", Format::Yaml, "'true'\n");
    row("yaml number", "42", Format::Yaml, "42\n...\n");
    row("yaml small float", "1e-05", Format::Yaml, "1.0e-05\n...\n");
    row("yaml null", "null", Format::Yaml, "");
    row("yaml tab", R"("a\tb")", Format::Yaml, "\"a\\tb\"\n");
    row("yaml newline", R"("line one\nline two")", Format::Yaml, "\"line one\\nline two\"\n");
    row("yaml quoting",
        R"({"a": "", "b": "it's", "c": "'q'", "d": "2025-12-01T10:00:00Z", "e": "- x",)"
        R"("f": "a: b", "g": "123", "h": "azureml:m:1", "i": "http://127.0.0.1:8790/score",)"
        R"("j": "#x", "k": "-x"})",
        Format::Yaml,
        "a: ''\nb: it's\nc: '''q'''\nd: '2025-12-01T10:00:00Z'\ne: '- x'\nf: 'a: b'\n"
        "g: '123'\nh: azureml:m:1\ni: http://127.0.0.1:8790/score\nj: '#x'\nk: -x\n");
    row("yaml list of lists", "[[1, 2], [3]]", Format::Yaml, "- - 1\n  - 2\n- - 3\n");
    row("yaml nested in list", R"({"list": [{"a": [1, {"b": 2}]}]})", Format::Yaml,
        "list:\n- a:\n  - 1\n  - b: 2\n");
    row("yaml empty list", "[]", Format::Yaml, "[]\n");
    row("yaml empty object", "{}", Format::Yaml, "{}\n");

    // tsv: knack's rules.
    row("tsv string", R"("http://h/score")", Format::Tsv, "http://h/score\n");
    row("tsv number", "90", Format::Tsv, "90\n");
    row("tsv float", "0.5", Format::Tsv, "0.5\n");
    row("tsv bool", "true", Format::Tsv, "true\n");
    row("tsv null", "null", Format::Tsv, "");
    row("tsv tabs and newlines kept", R"("a\tb\nc")", Format::Tsv, "a\tb\nc\n");
    row("tsv object", R"({"blue": 90, "green": 10})", Format::Tsv, "90\t10\n");
    row("tsv nested values",
        R"([{"name": "blue", "count": 2, "ok": true, "none": null, "tags": {"a": "b"},)"
        R"("list": [1, 2, 3]}])",
        Format::Tsv, "2\t3\tblue\tNone\tTrue\t\n");
    row("tsv list of strings", R"(["blue", "green"])", Format::Tsv, "blue\ngreen\n");
    row("tsv list of lists", R"([[1, "a"], [2, "b"]])", Format::Tsv, "1\ta\n2\tb\n");
    row("tsv list of bools", "[true, false]", Format::Tsv, "true\nfalse\n");
    row("tsv empty list", "[]", Format::Tsv, "");

    // table: tabulate "simple", knack's column choice.
    row("table list of objects", deployments, Format::Table,
        "Instance_count    Name    Provisioning_state\n"
        "----------------  ------  --------------------\n"
        "2                 blue    Succeeded\n"
        "1                 green   Updating\n");
    row("table one object",
        R"({"name": "fraud", "scoring_uri": "http://h/score", "traffic": {"blue": 90}})",
        Format::Table,
        "Name    Scoring_uri\n"
        "------  --------------\n"
        "fraud   http://h/score\n");
    row("table scalar", R"("k1")", Format::Table, "Result\n--------\nk1\n");
    row("table list of strings", R"(["blue", "green"])", Format::Table,
        "Result\n--------\nblue\ngreen\n");
    row("table empty list", "[]", Format::Table, "\n");
    row("table null", "null", Format::Table, "");
    row("table bool", R"([{"enabled": true, "name": "a"}])", Format::Table,
        "Enabled    Name\n---------  ------\nTrue       a\n");
    row("table missing keys", R"([{"name": "a", "x": 1}, {"name": "b", "y": 2}])", Format::Table,
        "Name    X    Y\n------  ---  ---\na       1\nb            2\n");
    row("table multiline cell", R"([{"msg": "line one\nline two", "n": 1}])", Format::Table,
        "Msg       N\n--------  ---\nline one  1\nline two\n");
    row("table tab in cell", R"([{"a": "x\ty"}])", Format::Table, "A\n---\nx\ty\n");
    row("table list of lists", R"([[1, "a"], [2, "b"]])", Format::Table,
        "Column1    Column2\n---------  ---------\n1          a\n2          b\n");
    row("table skips id type etag null",
        R"({"id": "/sub/x", "type": "Microsoft.X", "etag": "e", "name": "n", "uri": null})",
        Format::Table, "Name\n------\nn\n");

    // none.
    row("none", endpoint, Format::None, "");
}

void TestOutputFormat::render()
{
    QFETCH(QString, value);
    QFETCH(Format, format);
    QFETCH(QString, expected);
    QCOMPARE(OutputFormat::render(json(value), format), expected);
}

// jsonc and yamlc are the plain output with ANSI colours around keys and values.
void TestOutputFormat::colorVariants()
{
    const QJsonValue endpoint = json(QString::fromUtf8(endpointJson));
    const QRegularExpression ansi(QStringLiteral("\x1b\\[[0-9;]*m"));
    const QString jsonc = OutputFormat::render(endpoint, Format::Jsonc);
    QVERIFY(jsonc.contains(QStringLiteral("\x1b[")));
    QCOMPARE(QString(jsonc).remove(ansi), OutputFormat::render(endpoint, Format::Json));
    const QString yamlc = OutputFormat::render(endpoint, Format::Yamlc);
    QVERIFY(yamlc.contains(QStringLiteral("\x1b[")));
    QCOMPARE(QString(yamlc).remove(ansi), OutputFormat::render(endpoint, Format::Yaml));

    QCOMPARE(OutputFormat::withoutColor(Format::Jsonc), Format::Json);
    QCOMPARE(OutputFormat::withoutColor(Format::Yamlc), Format::Yaml);
    QCOMPARE(OutputFormat::withoutColor(Format::Tsv), Format::Tsv);
}

// `--query "[].{name: name, state: provisioning_state, count: instance_count}"` prints its
// columns in the order written, as az does; other objects keep sorted keys.
void TestOutputFormat::keyOrdersFromTheQuery()
{
    const QJsonValue rows
        = json(QString::fromUtf8(R"([{"name": "blue", "state": "Succeeded", "count": 2},)"
                                 R"({"name": "green", "state": "Updating", "count": 1}])"));
    const QList<QStringList> orders = {
        { QStringLiteral("other") },
        { QStringLiteral("name"), QStringLiteral("state"), QStringLiteral("count") },
    };
    QCOMPARE(OutputFormat::render(rows, Format::Tsv, orders),
        QStringLiteral("blue\tSucceeded\t2\ngreen\tUpdating\t1\n"));
    QCOMPARE(OutputFormat::render(rows, Format::Tsv),
        QStringLiteral("2\tblue\tSucceeded\n1\tgreen\tUpdating\n"));
    QCOMPARE(OutputFormat::render(rows, Format::Table, orders),
        QStringLiteral("Name    State      Count\n"
                       "------  ---------  -------\n"
                       "blue    Succeeded  2\n"
                       "green   Updating   1\n"));
    // JSON stays sorted, as az's json.dumps(sort_keys=True).
    QVERIFY(OutputFormat::render(rows, Format::Json, orders)
                .startsWith(QStringLiteral("[\n  {\n    \"count\": 2,")));
}

// az: "Table output unavailable. Use the --query option to specify an appropriate query."
void TestOutputFormat::tableWithoutColumns()
{
    const QJsonValue nestedOnly
        = json(QString::fromUtf8(R"([{"tags": {"a": "b"}}, {"list": [1]}])"));
    QCOMPARE(OutputFormat::render(nestedOnly, Format::Table), QString());
    const Status status = OutputFormat::checkRenderable(nestedOnly, Format::Table);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().message.contains(QStringLiteral("--query")),
        qPrintable(status.error().message));
    QVERIFY(OutputFormat::checkRenderable(nestedOnly, Format::Json).ok());
    QVERIFY(OutputFormat::checkRenderable(json(QStringLiteral("[]")), Format::Table).ok());
    QVERIFY(OutputFormat::checkRenderable(json(QString::fromUtf8(deploymentsJson)), Format::Table)
                .ok());
}

void TestOutputFormat::parseFormat_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Format>("format");
    QTest::newRow("json") << QStringLiteral("json") << Format::Json;
    QTest::newRow("jsonc") << QStringLiteral("jsonc") << Format::Jsonc;
    QTest::newRow("yaml") << QStringLiteral("yaml") << Format::Yaml;
    QTest::newRow("yamlc") << QStringLiteral("yamlc") << Format::Yamlc;
    QTest::newRow("table") << QStringLiteral("table") << Format::Table;
    QTest::newRow("tsv") << QStringLiteral("tsv") << Format::Tsv;
    QTest::newRow("none") << QStringLiteral("none") << Format::None;
    QTest::newRow("upper case") << QStringLiteral("TSV") << Format::Tsv;
    QTest::newRow("mixed case") << QStringLiteral("Table") << Format::Table;
}

void TestOutputFormat::parseFormat()
{
    QFETCH(QString, text);
    QFETCH(Format, format);
    const Result<Format> parsed = OutputFormat::parseFormat(text);
    QVERIFY(parsed.ok());
    QCOMPARE(*parsed, format);
    QCOMPARE(OutputFormat::formatName(format), text.toLower());
}

void TestOutputFormat::parseFormatRejects()
{
    const Result<Format> parsed = OutputFormat::parseFormat(QStringLiteral("xml"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().message,
        QStringLiteral("invalid --output 'xml': use one of json, jsonc, yaml, yamlc, table, "
                       "tsv, none"));
    QCOMPARE(parsed.error().target, QStringLiteral("--output"));
    QVERIFY(!OutputFormat::parseFormat(QString()).ok());
}

QTEST_APPLESS_MAIN(TestOutputFormat)
#include "tst_outputformat.moc"
