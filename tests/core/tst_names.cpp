#include "rules.h"

#include <QTest>

class TestNames : public QObject
{
    Q_OBJECT
private slots:
    void names_data();
    void names();
};

void TestNames::names_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("keyword");

    const int ep = int(Rules::NameKind::Endpoint);
    const int dep = int(Rules::NameKind::Deployment);
    QTest::newRow("tutorial endpoint") << ep << "my-endpoint" << true << "";
    QTest::newRow("blue") << dep << "blue" << true << "";
    QTest::newRow("three chars") << dep << "abc" << true << "";
    QTest::newRow("32 chars") << ep << QString(32, QLatin1Char('a')) << true << "";
    QTest::newRow("mixed case and digits") << ep << "Model-V2-x9" << true << "";
    QTest::newRow("two chars") << dep << "ab" << false << "3 to 32";
    QTest::newRow("33 chars") << ep << QString(33, QLatin1Char('a')) << false << "3 to 32";
    QTest::newRow("empty") << ep << "" << false << "3 to 32";
    QTest::newRow("starts with digit") << dep << "1blue" << false << "start with a letter";
    QTest::newRow("starts with hyphen") << dep << "-blue" << false << "start with a letter";
    QTest::newRow("ends with hyphen") << ep << "blue-" << false << "end with a letter";
    QTest::newRow("underscore") << ep << "my_endpoint" << false << "only letters";
    QTest::newRow("dot") << dep << "blue.v2" << false << "only letters";
    QTest::newRow("space") << dep << "blue v2" << false << "only letters";
    QTest::newRow("non-ascii letter")
        << dep << QString::fromUtf8("blü-1") << false << "only letters";
}

void TestNames::names()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(QString, keyword);

    const Status status = Rules::checkName(Rules::NameKind(kind), name);
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QVERIFY2(status.error().message.contains(keyword), qPrintable(status.error().message));
        QVERIFY(status.error().message.contains(kind == int(Rules::NameKind::Endpoint)
                ? QStringLiteral("endpoint")
                : QStringLiteral("deployment")));
        QCOMPARE(status.error().target, QStringLiteral("name"));
    }
}

QTEST_APPLESS_MAIN(TestNames)
#include "tst_names.moc"
