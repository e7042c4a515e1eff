// --query: JMESPath over an `online-endpoint list`-like result, as az scripts query it.

#include "jmespath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

// Three endpoints with their deployments, shaped like `az ml online-endpoint list` output.
// Ordinary literals: moc misreads raw strings that span lines.
const char endpointsJson[]
    = "["
      "  {"
      "    \"name\": \"fraud-scorer\","
      "    \"provisioning_state\": \"Succeeded\","
      "    \"auth_mode\": \"key\","
      "    \"scoring_uri\": \"http://127.0.0.1:8790/fraud-scorer/score\","
      "    \"traffic\": {\"blue\": 90, \"green\": 10},"
      "    \"mirror_traffic\": {},"
      "    \"tags\": {\"team\": \"risk\", \"cost-center\": \"cc-42\"},"
      "    \"deployments\": ["
      "      {\"name\": \"blue\", \"instance_count\": 2, \"instance_type\": \"Standard_DS3_v2\","
      "       \"provisioning_state\": \"Succeeded\", \"model\": \"azureml:fraud-model:1\","
      "       \"request_settings\": {\"request_timeout_ms\": 3000,"
      "                            \"max_concurrent_requests_per_instance\": 1}},"
      "      {\"name\": \"green\", \"instance_count\": 1, \"instance_type\": \"Standard_DS2_v2\","
      "       \"provisioning_state\": \"Updating\", \"model\": \"azureml:fraud-model:2\","
      "       \"request_settings\": {\"request_timeout_ms\": 5000,"
      "                            \"max_concurrent_requests_per_instance\": 2}}"
      "    ]"
      "  },"
      "  {"
      "    \"name\": \"churn-predictor\","
      "    \"provisioning_state\": \"Failed\","
      "    \"auth_mode\": \"aml_token\","
      "    \"scoring_uri\": \"http://127.0.0.1:8790/churn-predictor/score\","
      "    \"traffic\": {\"main\": 100},"
      "    \"mirror_traffic\": {\"shadow\": 20},"
      "    \"tags\": {},"
      "    \"deployments\": ["
      "      {\"name\": \"main\", \"instance_count\": 3, \"instance_type\": \"Standard_F4s_v2\","
      "       \"provisioning_state\": \"Succeeded\", \"model\": \"azureml:churn:7\"},"
      "      {\"name\": \"shadow\", \"instance_count\": 1,"
      "       \"instance_type\": \"Standard_F4s_v2\","
      "       \"provisioning_state\": \"Succeeded\", \"model\": \"azureml:churn:8\"}"
      "    ]"
      "  },"
      "  {"
      "    \"name\": \"sandbox\","
      "    \"provisioning_state\": \"Creating\","
      "    \"auth_mode\": \"key\","
      "    \"scoring_uri\": null,"
      "    \"traffic\": {},"
      "    \"mirror_traffic\": {},"
      "    \"tags\": {\"team\": \"ml-platform\"},"
      "    \"deployments\": []"
      "  }"
      "]";

QJsonValue endpoints() { return QJsonDocument::fromJson(QByteArray(endpointsJson)).array(); }

// Compact JSON of any value (QJsonDocument takes only arrays and objects).
QString canonical(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString canonical(const QString &jsonText)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(
        (QLatin1Char('[') + jsonText + QLatin1Char(']')).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return QStringLiteral("<bad expected JSON: %1>").arg(jsonText);
    return canonical(document.array().at(0));
}

} // namespace

class TestJmespath : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void syntaxErrors_data();
    void syntaxErrors();
    void runtimeErrors_data();
    void runtimeErrors();
    void checkAcceptsWhatEvaluates();
    void keyOrdersFollowTheQuery();
    void scalarData();
};

void TestJmespath::evaluate_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected"); // JSON

    auto row = [](const char *expression, const char *expected) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << QString::fromUtf8(expected);
    };
    // Fields, sub-expressions, index.
    row("[0].name", R"("fraud-scorer")");
    row("[-1].name", R"("sandbox")");
    row("[0].traffic", R"({"blue": 90, "green": 10})");
    row("[0].traffic.blue", "90");
    row("[0].tags.\"cost-center\"", R"("cc-42")");
    row("[0].missing", "null");
    row("[0].missing.deeper", "null");
    row("[5].name", "null");
    row("[0].name.first", "null");
    row("@[1].mirror_traffic", R"({"shadow": 20})");
    // Projections and flatten.
    row("[].name", R"(["fraud-scorer", "churn-predictor", "sandbox"])");
    row("[*].provisioning_state", R"(["Succeeded", "Failed", "Creating"])");
    row("[].traffic.main", "[100]");
    row("[0].traffic.*", "[90, 10]");
    row("[].mirror_traffic.*", "[[], [20], []]");
    row("[].deployments[].name", R"(["blue", "green", "main", "shadow"])");
    row("[].deployments[*].name", R"([["blue", "green"], ["main", "shadow"], []])");
    row("[0].deployments[].request_settings.request_timeout_ms", "[3000, 5000]");
    // Slices.
    row("[0:2].name", R"(["fraud-scorer", "churn-predictor"])");
    row("[::-1].name", R"(["sandbox", "churn-predictor", "fraud-scorer"])");
    row("[0].deployments[1:].name", R"(["green"])");
    row("[-2:].name", R"(["churn-predictor", "sandbox"])");
    // Filters, comparisons, && || !.
    row("[?provisioning_state=='Succeeded'].name", R"(["fraud-scorer"])");
    row("[?provisioning_state != 'Succeeded'].name", R"(["churn-predictor", "sandbox"])");
    row("[0].deployments[?instance_count > `1`].name", R"(["blue"])");
    row("[0].deployments[?request_settings.request_timeout_ms >= `5000`].name", R"(["green"])");
    row("[].deployments[?instance_count <= `1`][].name", R"(["green", "shadow"])");
    row("[?auth_mode=='key' && provisioning_state=='Creating'].name", R"(["sandbox"])");
    row("[?provisioning_state=='Failed' || provisioning_state=='Creating'].name",
        R"(["churn-predictor", "sandbox"])");
    row("[?!(provisioning_state=='Succeeded')].name", R"(["churn-predictor", "sandbox"])");
    row("[?scoring_uri].name", R"(["fraud-scorer", "churn-predictor"])");
    row("[?tags.team=='risk'].name", R"(["fraud-scorer"])");
    row("[?name==`\"sandbox\"`].deployments", "[[]]");
    row("[?provisioning_state==`Failed`].name", R"(["churn-predictor"])"); // legacy `text`
    row("[?provisioning_state=='Succeeded'].deployments[].name", R"(["blue", "green"])");
    row("[0].traffic.blue > [0].traffic.green", "true");
    row("[0].traffic.blue == `90`", "true");
    row("[0].name < [1].name", "false"); // strings order as text
    row("[?name > 'd'].name", R"(["fraud-scorer", "sandbox"])");
    row("[0].name < [0].traffic.blue", "null"); // a string and a number do not order
    row("[0].traffic.blue < `90.5`", "true");
    // Multiselect lists and hashes.
    row("[0].[name, provisioning_state]", R"(["fraud-scorer", "Succeeded"])");
    row("[0].deployments[*].{name: name, count: instance_count}",
        R"([{"name": "blue", "count": 2}, {"name": "green", "count": 1}])");
    row("[].{name: name, state: provisioning_state, blue: traffic.blue}",
        R"([{"name": "fraud-scorer", "state": "Succeeded", "blue": 90},
            {"name": "churn-predictor", "state": "Failed", "blue": null},
            {"name": "sandbox", "state": "Creating", "blue": null}])");
    row("{first: [0].name, count: length(@)}", R"({"first": "fraud-scorer", "count": 3})");
    row("[2].scoring_uri.[a, b]", "null");
    // Pipes and @.
    row("[?name=='fraud-scorer'] | [0].scoring_uri",
        R"("http://127.0.0.1:8790/fraud-scorer/score")");
    row("[].traffic.blue | [0]", "90");
    row("[].deployments[] | length(@)", "4");
    row("[0].deployments[?provisioning_state=='Updating'] | length(@)", "1");
    // Functions.
    row("length([?provisioning_state=='Succeeded'])", "1");
    row("length([0].name)", "12");
    row("keys([0].traffic)", R"(["blue", "green"])");
    row("values([0].traffic)", "[90, 10]");
    row("sort([].name)", R"(["churn-predictor", "fraud-scorer", "sandbox"])");
    row("sort([].deployments[].instance_count)", "[1, 1, 2, 3]");
    row("[?contains(name, 'churn')].name", R"(["churn-predictor"])");
    row("contains(keys([0].traffic), 'green')", "true");
    row("[?starts_with(name, 'fraud')].name", R"(["fraud-scorer"])");
    row("[?ends_with(name, 'box')].name", R"(["sandbox"])");
    row("join(', ', [].name)", R"("fraud-scorer, churn-predictor, sandbox")");
    row("to_string([0].traffic)", R"("{\"blue\":90,\"green\":10}")");
    row("to_string([0].name)", R"("fraud-scorer")");
    row("to_number('42')", "42");
    row("type([0].traffic.blue)", R"("number")");
    row("sum([].deployments[].instance_count)", "7");
    row("max([].deployments[].instance_count)", "3");
    row("avg([0].deployments[].instance_count)", "1.5");
    row("max_by([].deployments[], &instance_count).name", R"("main")");
    row("sort_by([0].deployments, &instance_count)[*].name", R"(["green", "blue"])");
    row("map(&name, [1].deployments)", R"(["main", "shadow"])");
    row("not_null([2].scoring_uri, 'none')", R"("none")");
    row("merge([0].traffic, [1].traffic)", R"({"blue": 90, "green": 10, "main": 100})");
    row("reverse([].name)[0]", R"("sandbox")");
    // Literals.
    row("'it\\'s'", R"("it's")");
    row("`{\"a\": [1, 2]}`.a[1]", "2");
    row("`[1, 2, 3]`[?@ > `1`]", "[2, 3]");
}

void TestJmespath::evaluate()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    const Result<QJsonValue> result = Jmespath::evaluate(expression, endpoints());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(canonical(*result), canonical(expected));
}

void TestJmespath::syntaxErrors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("detail");

    auto row = [](const char *expression, int column, const char *detail) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << column
                                  << QString::fromUtf8(detail);
    };
    row("a[?b==]", 7, "expected a value after '=='");
    row("a ==", 5, "expected a value after '==', but the query ends there");
    row("[0].tags.cost-center", 14,
        "unexpected '-': a name that contains '-' must be double-quoted");
    row("name provisioning_state", 6, "unexpected 'provisioning_state'");
    row("[?name=='blue'", 15, "expected ']' to close '[?' at column 1, found the end of the query");
    row("traffic.", 9,
        "expected a field name, '*', '[' or '{' after '.', found the end of the query");
    row("[?name='blue']", 7, "'=' is not an operator: compare with '=='");
    row("[?name=='blue]", 9, "unterminated string: add the closing '");
    row("[?n > `3]", 7, "unterminated JSON literal: add the closing `");
    row("\"cost-center", 1, "unterminated quoted name: add the closing \"");
    row("lenght(name)", 1, "unknown function lenght(): use one of abs, avg,");
    row("length(name, name)", 1, "length() takes 1 argument, got 2");
    row("contains(name)", 1, "contains() takes 2 arguments, got 1");
    row("{name: name", 12, "expected ',' or '}' to close '{' at column 1");
    row("{: name}", 2, "expected a key name in '{...}', found ':'");
    row("{name name}", 7, "expected ':' after the key 'name'");
    row("[name, state", 13, "expected ',' or ']' to close '[' at column 1");
    row("length(name", 12, "expected ',' or ')' to close '(' at column 7");
    row("", 1, "the query is empty");
    row("[0:1:0]", 1, "the slice step cannot be 0");
    row("[1 2]", 4, "expected a number, ':' or ']' in '[...]' opened at column 1");
    row("foo[bar]", 5, "expected a number, ':' or '*' after '['");
    row("\"name\"(@)", 1, "a function name cannot be quoted");
    row("# comment", 1, "unexpected character '#'");
    row("[?n > ``]", 7, "empty JSON literal");
    row("traffic.3", 9, "expected a field name");
    row("[?n > 3]", 7, "a bare number is not a value: write `3`");
    row("]", 1, "a query cannot start with ']'");
}

void TestJmespath::syntaxErrors()
{
    QFETCH(QString, expression);
    QFETCH(int, column);
    QFETCH(QString, detail);
    const Result<QJsonValue> result = Jmespath::evaluate(expression, endpoints());
    QVERIFY(!result.ok());
    const QString prefix
        = QStringLiteral("invalid --query '%1' at column %2: ").arg(expression).arg(column);
    QVERIFY2(
        result.error().message.startsWith(prefix + detail), qPrintable(result.error().message));
    QCOMPARE(result.error().column, column);
    QCOMPARE(result.error().target, QStringLiteral("--query"));
    QCOMPARE(result.error().code, QStringLiteral("ValidationError"));
    QVERIFY(!Jmespath::check(expression).ok());
}

void TestJmespath::runtimeErrors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    QTest::newRow("length of a number")
        << QStringLiteral("length([0].traffic.blue)")
        << QStringLiteral("invalid --query 'length([0].traffic.blue)' at column 1: length() "
                          "expects a string, array or object as argument 1, got number");
    QTest::newRow("sort of objects")
        << QStringLiteral("sort([0].deployments)")
        << QStringLiteral("invalid --query 'sort([0].deployments)' at column 1: sort() expects "
                          "an array of numbers or an array of strings as argument 1");
    QTest::newRow("starts_with on null")
        << QStringLiteral("[?starts_with(scoring_uri, 'http')].name")
        << QStringLiteral("invalid --query '[?starts_with(scoring_uri, 'http')].name' at "
                          "column 3: starts_with() expects a string as argument 1, got null");
    QTest::newRow("join of numbers")
        << QStringLiteral("join(',', [0].traffic.*)")
        << QStringLiteral("invalid --query 'join(',', [0].traffic.*)' at column 1: join() "
                          "expects an array of strings as argument 2, got array");
    QTest::newRow("sort_by without &")
        << QStringLiteral("sort_by([0].deployments, instance_count)")
        << QStringLiteral("invalid --query 'sort_by([0].deployments, instance_count)' at "
                          "column 1: sort_by() expects an expression such as &name as "
                          "argument 2, got null");
    QTest::newRow("expression reference alone")
        << QStringLiteral("&name")
        << QStringLiteral("invalid --query '&name' at column 1: '&' marks an expression "
                          "argument of sort_by(), max_by(), min_by() or map(); it cannot "
                          "stand alone");
}

void TestJmespath::runtimeErrors()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    QVERIFY(Jmespath::check(expression).ok()); // the syntax is fine
    const Result<QJsonValue> result = Jmespath::evaluate(expression, endpoints());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, message);
}

void TestJmespath::checkAcceptsWhatEvaluates()
{
    QVERIFY(Jmespath::check(QStringLiteral("[?provisioning_state=='Succeeded'].name")).ok());
    QVERIFY(Jmespath::check(QStringLiteral("traffic")).ok());
    QVERIFY(!Jmespath::check(QStringLiteral("traffic.")).ok());
}

void TestJmespath::keyOrdersFollowTheQuery()
{
    const QList<QStringList> orders
        = Jmespath::keyOrders(QStringLiteral("[].{name: name, state: provisioning_state, "
                                             "d: deployments[].{z: name, a: model}}"));
    QCOMPARE(orders.size(), 2);
    QCOMPARE(orders.at(0),
        QStringList({ QStringLiteral("name"), QStringLiteral("state"), QStringLiteral("d") }));
    QCOMPARE(orders.at(1), QStringList({ QStringLiteral("z"), QStringLiteral("a") }));
    QVERIFY(Jmespath::keyOrders(QStringLiteral("traffic")).isEmpty());
    QVERIFY(Jmespath::keyOrders(QStringLiteral("{a: b")).isEmpty());
}

// `show -n E --query traffic` and `get-credentials --query primaryKey` query one object.
void TestJmespath::scalarData()
{
    const QJsonObject endpoint = endpoints().toArray().at(0).toObject();
    Result<QJsonValue> traffic = Jmespath::evaluate(QStringLiteral("traffic"), endpoint);
    QVERIFY(traffic.ok());
    QCOMPARE(canonical(*traffic), canonical(QStringLiteral(R"({"blue": 90, "green": 10})")));

    const QJsonObject keys { { QStringLiteral("primaryKey"), QStringLiteral("k1") },
        { QStringLiteral("secondaryKey"), QStringLiteral("k2") } };
    Result<QJsonValue> primary = Jmespath::evaluate(QStringLiteral("primaryKey"), keys);
    QVERIFY(primary.ok());
    QCOMPARE(primary->toString(), QStringLiteral("k1"));

    Result<QJsonValue> onNull = Jmespath::evaluate(QStringLiteral("a.b[0]"), QJsonValue());
    QVERIFY(onNull.ok());
    QVERIFY(onNull->isNull());
}

QTEST_APPLESS_MAIN(TestJmespath)
#include "tst_jmespath.moc"
