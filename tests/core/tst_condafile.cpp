// CondaFile: the package names of a conda environment file (conda and pip), and errors
// with line and column for malformed ones.

#include "../testsupport.h"
#include "condafile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestCondaFile : public QObject
{
    Q_OBJECT

private slots:
    void sampleFiles_data();
    void sampleFiles();
    void demoTemplate();
    void builtDemoFile();
    void ownText();
    void condaNames_data();
    void condaNames();
    void pipNames_data();
    void pipNames();
    void badInput_data();
    void badInput();
    void missingFile();
};

void TestCondaFile::sampleFiles_data()
{
    QTest::addColumn<QString>("model");
    QTest::newRow("model-1") << QStringLiteral("model-1");
    QTest::newRow("model-2") << QStringLiteral("model-2");
}

void TestCondaFile::sampleFiles()
{
    RD_REQUIRE_SHARED();
    QFETCH(QString, model);
    const QString path = TestSupport::sharedDir()
        + QStringLiteral("/azureml/sample/endpoints/online/") + model
        + QStringLiteral("/environment/conda.yaml");
    const Result<CondaFile> conda = CondaFile::parse(path);
    QVERIFY2(conda.ok(), qPrintable(conda.ok() ? QString() : conda.error().toString()));
    QCOMPARE(conda->name, QStringLiteral("model-env"));
    QCOMPARE(conda->channels, QStringList { QStringLiteral("conda-forge") });
    const QStringList expected { QStringLiteral("python"), QStringLiteral("numpy"),
        QStringLiteral("pip"), QStringLiteral("scikit-learn"), QStringLiteral("scipy"),
        QStringLiteral("azureml-inference-server-http"), QStringLiteral("inference-schema"),
        QStringLiteral("joblib") };
    QCOMPARE(conda->dependencyNames(), expected);
    const CondaDependency &sklearn = conda->dependencies.at(3);
    QCOMPARE(sklearn.spec, QStringLiteral("scikit-learn=1.7.0"));
    QVERIFY(!sklearn.pip);
    QCOMPARE(sklearn.line, 8);
    const CondaDependency &schema = conda->dependencies.at(6);
    QCOMPARE(schema.spec, QStringLiteral("inference-schema[numpy-support]"));
    QVERIFY(schema.pip);
    QCOMPARE(schema.line, 12);
}

void TestCondaFile::demoTemplate()
{
    const QString path = TestSupport::sourceDir() + QStringLiteral("/resources/demo/conda.yaml.in");
    if (!QFile::exists(path))
        QSKIP("the demo's conda template is not in this tree");
    const Result<CondaFile> conda = CondaFile::parse(path);
    QVERIFY2(conda.ok(), qPrintable(conda.ok() ? QString() : conda.error().toString()));
    QVERIFY(conda->dependencyNames().contains(QStringLiteral("scikit-learn")));
    QVERIFY(conda->dependencyNames().contains(QStringLiteral("azureml-inference-server-http")));
}

void TestCondaFile::builtDemoFile()
{
    const QString path
        = TestSupport::binaryDir() + QStringLiteral("/demo/model-1/environment/conda.yaml");
    if (!QFile::exists(path))
        QSKIP("the demo is not built in this build tree (cmake --build . --target demo)");
    const Result<CondaFile> conda = CondaFile::parse(path);
    QVERIFY2(conda.ok(), qPrintable(conda.ok() ? QString() : conda.error().toString()));
    QVERIFY(conda->dependencyNames().contains(QStringLiteral("numpy")));
    QVERIFY(conda->dependencyNames().contains(QStringLiteral("joblib")));
}

void TestCondaFile::ownText()
{
    const QByteArray text = "name: mine\n"
                            "dependencies:\n"
                            "  - conda-forge::numpy>=1.24\n"
                            "  - pandas 2.1.*\n"
                            "  - pip\n"
                            "  - pip:\n"
                            "    - -r requirements.txt\n"
                            "    - --extra-index-url https://example.invalid/simple\n"
                            "    - PyYAML>=6 ; python_version >= '3.8'\n"
                            "    - mylib @ https://example.invalid/mylib-1.0.tar.gz\n"
                            "    - git+https://example.invalid/repo.git#egg=fromgit\n"
                            "  - pip:\n"; // an empty pip list is allowed
    const Result<CondaFile> conda = CondaFile::parseText(text, QStringLiteral("env.yml"));
    QVERIFY2(conda.ok(), qPrintable(conda.ok() ? QString() : conda.error().toString()));
    QCOMPARE(conda->name, QStringLiteral("mine"));
    QCOMPARE(conda->dependencyNames(),
        (QStringList { QStringLiteral("numpy"), QStringLiteral("pandas"), QStringLiteral("pip"),
            QStringLiteral("PyYAML"), QStringLiteral("mylib"), QStringLiteral("fromgit") }));
    QCOMPARE(conda->dependencies.at(3).line, 9);

    const Result<CondaFile> none = CondaFile::parseText("name: nothing\n");
    QVERIFY(none.ok());
    QVERIFY(none->dependencies.isEmpty());
}

void TestCondaFile::condaNames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("name");
    QTest::newRow("pinned") << QStringLiteral("numpy=2.3.1") << QStringLiteral("numpy");
    QTest::newRow("dashes") << QStringLiteral("scikit-learn=1.7.0")
                            << QStringLiteral("scikit-learn");
    QTest::newRow("channel") << QStringLiteral("conda-forge::scipy>=1.16")
                             << QStringLiteral("scipy");
    QTest::newRow("space version") << QStringLiteral("python 3.12.*") << QStringLiteral("python");
    QTest::newRow("bare") << QStringLiteral("pip") << QStringLiteral("pip");
    QTest::newRow("not a name") << QStringLiteral("=1.0") << QString();
}

void TestCondaFile::condaNames()
{
    QFETCH(QString, spec);
    QFETCH(QString, name);
    QCOMPARE(CondaFile::condaPackageName(spec), name);
}

void TestCondaFile::pipNames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("name");
    QTest::newRow("pinned") << QStringLiteral("azureml-inference-server-http==1.4.1")
                            << QStringLiteral("azureml-inference-server-http");
    QTest::newRow("extras") << QStringLiteral("inference-schema[numpy-support]")
                            << QStringLiteral("inference-schema");
    QTest::newRow("bare") << QStringLiteral("joblib") << QStringLiteral("joblib");
    QTest::newRow("marker") << QStringLiteral("pyyaml; python_version<'4'")
                            << QStringLiteral("pyyaml");
    QTest::newRow("url") << QStringLiteral("x @ https://example.invalid/x.whl")
                         << QStringLiteral("x");
    QTest::newRow("vcs with egg") << QStringLiteral("git+https://example.invalid/r.git#egg=y")
                                  << QStringLiteral("y");
    QTest::newRow("vcs without egg")
        << QStringLiteral("git+https://example.invalid/r.git") << QString();
    QTest::newRow("option") << QStringLiteral("-r requirements.txt") << QString();
}

void TestCondaFile::pipNames()
{
    QFETCH(QString, spec);
    QFETCH(QString, name);
    QCOMPARE(CondaFile::pipPackageName(spec), name);
}

void TestCondaFile::badInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("says");
    QTest::newRow("syntax") << QByteArray("dependencies:\n  - numpy\n - scipy\n") << 3 << 2
                            << QStringLiteral("not valid YAML");
    QTest::newRow("tab") << QByteArray("dependencies:\n\t- numpy\n") << 2 << 2
                         << QStringLiteral("not valid YAML");
    QTest::newRow("unclosed flow") << QByteArray("dependencies: [numpy, scipy\n") << 2 << 1
                                   << QStringLiteral("not valid YAML");
    QTest::newRow("not a list") << QByteArray("name: x\ndependencies: numpy\n") << 2 << 15
                                << QStringLiteral("must be a list");
    QTest::newRow("other mapping") << QByteArray("dependencies:\n  - numpy\n  - conda: x\n") << 3
                                   << 5 << QStringLiteral("mapping other than `pip:`");
    QTest::newRow("pip not a list") << QByteArray("dependencies:\n  - pip: joblib\n") << 2 << 10
                                    << QStringLiteral("`dependencies.pip` must be a list");
    QTest::newRow("nested list") << QByteArray("dependencies:\n  - [a, b]\n") << 2 << 5
                                 << QStringLiteral("not a package name");
    QTest::newRow("pip entry not text") << QByteArray("dependencies:\n  - pip:\n    - {a: 1}\n")
                                        << 3 << 7 << QStringLiteral("not a package name");
    QTest::newRow("top level list") << QByteArray("- numpy\n- scipy\n") << 1 << 1
                                    << QStringLiteral("top level must be a mapping");
    QTest::newRow("empty") << QByteArray("\n# nothing\n") << 0 << 0 << QStringLiteral("is empty");
}

void TestCondaFile::badInput()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, says);
    const Result<CondaFile> conda = CondaFile::parseText(text, QStringLiteral("conda.yaml"));
    QVERIFY(!conda.ok());
    const Error &error = conda.error();
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QVERIFY2(error.message.startsWith(QStringLiteral("conda.yaml")), qPrintable(error.message));
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QCOMPARE(error.target, QStringLiteral("environment.conda_file"));
}

void TestCondaFile::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.yml"));
    const Result<CondaFile> conda = CondaFile::parse(path);
    QVERIFY(!conda.ok());
    QVERIFY(conda.error().message.contains(path));
    QVERIFY(conda.error().message.contains(QStringLiteral("environment.conda_file")));
}

QTEST_APPLESS_MAIN(TestCondaFile)
#include "tst_condafile.moc"
