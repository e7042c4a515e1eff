// The Spanish translation: complete (no unfinished or empty entries, and nothing in ui/
// that lupdate would add), and the app's translator loads for Spanish from the resources.

#include "translations.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct TsCounts
{
    int messages = 0;
    int unfinished = 0; // type="unfinished", or no text at all
    int vanished = 0; // obsolete / vanished entries
    QStringList firstUnfinished;
};

TsCounts countTs(const QString &path)
{
    TsCounts counts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return counts;
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            ++counts.messages;
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                ++counts.vanished;
            else if (type == QLatin1String("unfinished") || text.trimmed().isEmpty()) {
                ++counts.unfinished;
                if (counts.firstUnfinished.size() < 10)
                    counts.firstUnfinished << context + QStringLiteral(": ") + source;
            }
        }
    }
    return counts;
}

QString tsPath()
{
    return QStringLiteral(ROLLOUTDESK_SOURCE_DIR "/ui/translations/rolloutdesk_es.ts");
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void tsIsComplete();
    void tsCoversEveryStringOfUi();
    void translatorLoads_data();
    void translatorLoads();
};

void TestTranslations::tsIsComplete()
{
    const TsCounts counts = countTs(tsPath());
    QVERIFY2(counts.messages > 300, qPrintable(QString::number(counts.messages)));
    QVERIFY2(counts.unfinished == 0, qPrintable(counts.firstUnfinished.join(QLatin1Char('\n'))));
    QCOMPARE(counts.vanished, 0);
}

void TestTranslations::tsCoversEveryStringOfUi()
{
    const QString lupdate = QStringLiteral(ROLLOUTDESK_LUPDATE);
    if (!QFileInfo(lupdate).isExecutable())
        QSKIP("lupdate is not installed (qt6-l10n-tools): cannot check the .ts against ui/");
    // lupdate into a copy: every tr() of ui/ must already be there, translated.
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("rolloutdesk_es.ts"));
    QVERIFY(QFile::copy(tsPath(), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(lupdate, { QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"),
                             QStringLiteral(ROLLOUTDESK_SOURCE_DIR "/ui"), QStringLiteral("-ts"), copy });
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 0);
    const TsCounts counts = countTs(copy);
    QVERIFY2(counts.unfinished == 0,
             qPrintable(QStringLiteral("untranslated strings in ui/ (run the update_translations target, then "
                                       "translate):\n")
                        + counts.firstUnfinished.join(QLatin1Char('\n'))));
    QCOMPARE(counts.messages, countTs(tsPath()).messages);
}

void TestTranslations::translatorLoads_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<bool>("loads");
    QTest::newRow("es") << QStringLiteral("es") << true;
    QTest::newRow("es_MX") << QStringLiteral("es_MX") << true;
    QTest::newRow("en_US needs none") << QStringLiteral("en_US") << false;
}

void TestTranslations::translatorLoads()
{
    QFETCH(QString, locale);
    QFETCH(bool, loads);
    QTranslator translator;
    QCOMPARE(Translations::load(&translator, QLocale(locale)), loads);
    if (loads) {
        QCOMPARE(translator.language(), QStringLiteral("es"));
        QCOMPARE(translator.translate("TestPanel", "Send"), QStringLiteral("Enviar"));
        QCOMPARE(translator.translate("JsonEditor", "Valid JSON"), QStringLiteral("JSON válido"));
    }
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
