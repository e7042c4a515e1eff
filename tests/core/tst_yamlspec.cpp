#include <QTest>

class Placeholder : public QObject
{
    Q_OBJECT
private slots:
    void pending() { QSKIP("not written yet"); }
};

QTEST_APPLESS_MAIN(Placeholder)
#include "tst_yamlspec.moc"
