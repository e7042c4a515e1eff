// The Test panel against a real rolloutd with the demo (blue: model 1, all traffic;
// green: model 2, 0 %): aimed at green it gets green's answer and green serves it; Compare
// shows both answers and highlights where they differ; the JSON editor says where an error is.

#include "comparemodel.h"
#include "headersmodel.h"
#include "hostfixture.h"
#include "jsoneditor.h"
#include "testpanel.h"
#include "uitestsupport.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<double> expectedAnswer(const QString &model)
{
    const QJsonObject expected = QJsonDocument::fromJson(readFile(HostFixture::demoDir() + QStringLiteral("/expected.json"))).object();
    QList<double> out;
    for (const QJsonValue &v : expected.value(model).toArray())
        out << v.toDouble();
    return out;
}

QList<double> numbers(const QByteArray &json)
{
    QList<double> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        out << v.toDouble();
    return out;
}

bool closeTo(const QList<double> &a, const QList<double> &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (std::abs(a[i] - b[i]) > 1e-9 * std::max(1.0, std::abs(b[i])))
            return false;
    }
    return true;
}

} // namespace

class TestTestPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void jsonCheck_data();
    void jsonCheck();
    void editorMarksAndPrettyPrints();
    void compareModelFlattens();
    void targetsFollowTheStore();
    void aimedAtGreenGetsGreensAnswer();
    void endpointTargetFollowsTraffic();
    void recentRequestShowsAgain();
    void compareShowsBothAndHighlights();
    void regeneratedKeyIsFetchedAgain();

private:
    ApiResult sendAndWait(const QString &target);

    HostFixture m_host;
    std::unique_ptr<WorkspaceStore> m_store;
    std::unique_ptr<TestPanel> m_panel;
    QByteArray m_sample;
};

void TestTestPanel::initTestCase()
{
    UiTest::isolateSettings();
    QString error;
    QVERIFY2(UiTest::createDemo(m_host, &error), qPrintable(error));
    m_sample = readFile(HostFixture::demoDir() + QStringLiteral("/sample-request.json"));
    QVERIFY(!m_sample.isEmpty());
    m_store = std::make_unique<WorkspaceStore>(m_host.client());
    m_store->setRefreshInterval(300);
    QSignalSpy refreshed(m_store.get(), &WorkspaceStore::refreshed);
    m_store->start();
    QVERIFY(refreshed.wait(20000));
    m_panel = std::make_unique<TestPanel>(m_store.get());
    m_panel->resize(1000, 700);
    m_panel->show();
}

void TestTestPanel::cleanupTestCase()
{
    m_panel.reset();
    m_store.reset();
}

ApiResult TestTestPanel::sendAndWait(const QString &target)
{
    m_panel->setTarget(target);
    m_panel->setRequestBody(m_sample);
    QSignalSpy answered(m_panel.get(), &TestPanel::requestAnswered);
    m_panel->send();
    if (!answered.wait(60000))
        return {};
    return answered.first().first().value<TestExchange>().result;
}

void TestTestPanel::jsonCheck_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("object") << QByteArray("{\"data\": [[1, 2]]}") << true << 0 << 0;
    QTest::newRow("array") << QByteArray("[1, 2.5, -3e2]") << true << 0 << 0;
    QTest::newRow("empty") << QByteArray("  \n") << false << 0 << 0;
    QTest::newRow("missing comma, line 2") << QByteArray("{\"a\": 1\n \"b\": 2}") << false << 2 << 2;
    QTest::newRow("unclosed, line 3") << QByteArray("{\n  \"data\": [\n    [1, 2]") << false << 3 << 11;
    QTest::newRow("columns count characters, not bytes") << QByteArray("{\"ñandú\": x}") << false << 1 << 11;
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << false << 1 << 6;
    QTest::newRow("double comma") << QByteArray("[1,,2]") << false << 1 << 4;
    QTest::newRow("garbage after") << QByteArray("[1] x") << false << 1 << 5;
}

void TestTestPanel::jsonCheck()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonEditor::Check check = JsonEditor::checkJson(text);
    QCOMPARE(check.valid, valid);
    if (!valid && line > 0) {
        QCOMPARE(check.line, line);
        QCOMPARE(check.column, column);
        QVERIFY(!check.message.isEmpty());
    }
}

void TestTestPanel::editorMarksAndPrettyPrints()
{
    JsonEditor editor;
    QSignalSpy checked(&editor, &JsonEditor::checked);
    editor.setPlainText(QStringLiteral("{\"a\": 1\n \"b\": 2}")); // as if typed
    QTRY_VERIFY(!checked.isEmpty());
    QVERIFY(!editor.check().valid);
    QVERIFY2(editor.statusText().startsWith(QLatin1String("Line 2, column 2")), qPrintable(editor.statusText()));
    QCOMPARE(editor.extraSelections().size(), 1);
    QCOMPARE(editor.extraSelections().first().cursor.blockNumber(), 1);
    QVERIFY(!editor.prettyPrint());
    editor.setBody("{\"b\":[1,2],\"a\":{\"x\":true}}");
    QVERIFY(editor.check().valid);
    QCOMPARE(editor.statusText(), QStringLiteral("Valid JSON"));
    QVERIFY(editor.extraSelections().isEmpty());
    QVERIFY(editor.prettyPrint());
    QVERIFY(editor.toPlainText().contains(QLatin1String("\n    \"b\": [\n")));
    QCOMPARE(QJsonDocument::fromJson(editor.body()), QJsonDocument::fromJson("{\"b\":[1,2],\"a\":{\"x\":true}}"));
    editor.undo(); // pretty-print is one undo step
    QCOMPARE(editor.toPlainText(), QStringLiteral("{\"b\":[1,2],\"a\":{\"x\":true}}"));
}

void TestTestPanel::compareModelFlattens()
{
    bool isJson = false;
    const auto leaves = CompareModel::flatten(R"({"predictions": [1, 2], "meta": {"model": "v2"}})", &isJson);
    QVERIFY(isJson);
    QStringList paths;
    for (const auto &leaf : leaves)
        paths << leaf.first;
    QCOMPARE(paths, (QStringList { QStringLiteral("meta.model"), QStringLiteral("predictions[0]"), QStringLiteral("predictions[1]") }));
    QCOMPARE(CompareModel::flatten("0.5", &isJson).first().second.toDouble(), 0.5);
    QVERIFY(isJson);
    CompareModel::flatten("not json", &isJson);
    QVERIFY(!isJson);
    QCOMPARE(CompareModel::formatNumber(11055.977245525677), QStringLiteral("11055.977245525677"));
}

void TestTestPanel::targetsFollowTheStore()
{
    m_panel->setEndpoint(QStringLiteral("demo"));
    QCOMPARE(m_panel->targets(), (QStringList { QStringLiteral("blue"), QStringLiteral("green") }));
    QCOMPARE(m_panel->target(), QString()); // the endpoint by default
    auto *combo = m_panel->findChild<QComboBox *>(QStringLiteral("target"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 3);
    QVERIFY(m_panel->findChild<QPushButton *>(QStringLiteral("send"))->isEnabled());
    m_panel->setEndpoint(QString());
    QVERIFY(!m_panel->findChild<QPushButton *>(QStringLiteral("send"))->isEnabled());
    QVERIFY(m_panel->targets().isEmpty());
    m_panel->setEndpoint(QStringLiteral("demo"));
}

void TestTestPanel::aimedAtGreenGetsGreensAnswer()
{
    m_panel->setEndpoint(QStringLiteral("demo"));
    const ApiResult result = sendAndWait(QStringLiteral("green"));
    QCOMPARE(result.httpStatus, 200);
    QVERIFY(closeTo(numbers(result.body), expectedAnswer(QStringLiteral("model-2"))));
    // What the panel shows.
    QVERIFY(m_panel->shownExchange());
    QCOMPARE(m_panel->servedByText(), QStringLiteral("green"));
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("status"))->text(), QStringLiteral("HTTP 200"));
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("latency"))->text().endsWith(QLatin1String(" ms")));
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("servedBy"))->text().contains(QLatin1String("green")));
    QCOMPARE(m_panel->headersModel()->value("azureml-model-deployment"), QByteArray("green"));
    QVERIFY(!m_panel->headersModel()->value("x-request-id").isEmpty());
    QVERIFY(closeTo(numbers(m_panel->responseText().toUtf8()), expectedAnswer(QStringLiteral("model-2"))));
    QVERIFY(m_panel->responseText().contains(QLatin1Char('\n'))); // pretty-printed
    QAbstractItemModelTester headersTester(m_panel->headersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTestPanel::endpointTargetFollowsTraffic()
{
    m_panel->setEndpoint(QStringLiteral("demo"));
    const ApiResult result = sendAndWait(QString()); // blue has all the traffic
    QCOMPARE(result.httpStatus, 200);
    QCOMPARE(m_panel->servedByText(), QStringLiteral("blue"));
    QVERIFY(closeTo(numbers(result.body), expectedAnswer(QStringLiteral("model-1"))));
}

void TestTestPanel::recentRequestShowsAgain()
{
    m_panel->setEndpoint(QStringLiteral("demo"));
    RecentRequestsModel *recent = m_panel->recentModel();
    QAbstractItemModelTester tester(recent, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(sendAndWait(QStringLiteral("green")).ok());
    QVERIFY(sendAndWait(QStringLiteral("blue")).ok());
    QVERIFY(recent->rowCount() >= 2);
    QCOMPARE(recent->index(0).data(RecentRequestsModel::ServedByRole).toString(), QStringLiteral("blue"));
    QCOMPARE(recent->index(1).data(RecentRequestsModel::ServedByRole).toString(), QStringLiteral("green"));
    QVERIFY(recent->index(1).data().toString().contains(QLatin1String("green")));
    QCOMPARE(m_panel->servedByText(), QStringLiteral("blue"));
    // A click on the older one shows green's exchange and its target again.
    auto *view = m_panel->findChild<QAbstractItemView *>(QStringLiteral("recentRequests"));
    QVERIFY(view);
    const QRect rect = view->visualRect(recent->index(1));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_panel->servedByText(), QStringLiteral("green"));
    QCOMPARE(m_panel->target(), QStringLiteral("green"));
    QVERIFY(closeTo(numbers(m_panel->responseText().toUtf8()), expectedAnswer(QStringLiteral("model-2"))));
}

void TestTestPanel::compareShowsBothAndHighlights()
{
    m_panel->setEndpoint(QStringLiteral("demo"));
    m_panel->setRequestBody(m_sample);
    CompareModel *model = m_panel->compareModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(m_panel.get(), &TestPanel::comparisonFinished);
    m_panel->compare();
    QVERIFY(finished.wait(60000));
    QCOMPARE(model->columnCount(), 2);
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("blue (baseline)"));
    QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("green"));
    QCOMPARE(model->answers().at(0).result.httpStatus, 200);
    QCOMPARE(model->answers().at(1).result.httpStatus, 200);
    QCOMPARE(model->answers().at(1).result.header("azureml-model-deployment"), QByteArray("green"));
    // The two predictions of each model, side by side; both rows differ.
    const QList<double> blue = expectedAnswer(QStringLiteral("model-1"));
    const QList<double> green = expectedAnswer(QStringLiteral("model-2"));
    QCOMPARE(model->valueRowCount(), 2);
    QCOMPARE(model->differingCount(), 2);
    for (int i = 0; i < 2; ++i) {
        const int row = model->rowOfPath(QStringLiteral("[%1]").arg(i));
        QVERIFY(row >= 0);
        QVERIFY(qFuzzyCompare(model->index(row, 0).data(CompareModel::ValueRole).value<QJsonValue>().toDouble(), blue[i]));
        QVERIFY(qFuzzyCompare(model->index(row, 1).data(CompareModel::ValueRole).value<QJsonValue>().toDouble(), green[i]));
        QVERIFY(model->index(row, 1).data(CompareModel::DiffersRole).toBool());
        QVERIFY(!model->index(row, 0).data(CompareModel::DiffersRole).toBool()); // the baseline
        QVERIFY(model->index(row, 1).data(Qt::BackgroundRole).isValid());
        const double diff = model->index(row, 1).data(CompareModel::DifferenceRole).toDouble();
        QVERIFY(std::abs(diff - (green[i] - blue[i])) < 1e-9);
        QVERIFY2(model->index(row, 1).data().toString().contains(QStringLiteral("Δ")), qPrintable(model->index(row, 1).data().toString()));
    }
    // Status rows agree: not highlighted.
    QVERIFY(!model->index(0, 1).data(CompareModel::DiffersRole).toBool());
}

void TestTestPanel::regeneratedKeyIsFetchedAgain()
{
    m_panel->setEndpoint(QStringLiteral("demo"));
    QVERIFY(sendAndWait(QStringLiteral("blue")).ok()); // the key is cached now
    const ApiResult regenerated = HostFixture::wait(m_host.client()->regenerateKeys(QStringLiteral("demo"), QStringLiteral("Primary"), true));
    QVERIFY2(regenerated.ok(), qPrintable(regenerated.error ? regenerated.error->message : QString()));
    // The cached key is refused (401); the panel fetches the new one and tries once more.
    const ApiResult again = sendAndWait(QStringLiteral("blue"));
    QCOMPARE(again.httpStatus, 200);
}

QTEST_MAIN(TestTestPanel)
#include "tst_testpanel.moc"
