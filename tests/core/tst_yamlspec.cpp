// Good YAML files load with the values they give and the documented defaults; `--set`
// overrides apply before validation; toYaml reads back to the same resource.

#include "../testsupport.h"
#include "yamlspec.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace YamlSpec;

namespace {

QString kindName(AssetKind kind)
{
    // In the order of the enum.
    static const char *const names[] = { "none", "asset", "registry", "arm", "local", "inline" };
    return QLatin1String(names[int(kind)]);
}

template<typename Map>
QString joined(const Map &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + QVariant(it.value()).toString();
    return parts.join(QLatin1Char(','));
}

QString joined(const std::optional<TrafficMap> &map)
{
    return map ? joined(*map) : QStringLiteral("absent");
}

QString route(const InferenceRoute &r) { return QString::number(r.port) + r.path; }

void addProbe(QVariantMap &m, const QString &prefix, const ProbeSettings &p)
{
    m[prefix + QStringLiteral(".initial_delay")] = p.initialDelaySec;
    m[prefix + QStringLiteral(".period")] = p.periodSec;
    m[prefix + QStringLiteral(".timeout")] = p.timeoutSec;
    m[prefix + QStringLiteral(".success_threshold")] = p.successThreshold;
    m[prefix + QStringLiteral(".failure_threshold")] = p.failureThreshold;
}

// Every settable field by its YAML path, so tables can name what they expect and the
// round-trip test can compare everything.
QVariantMap fields(const Deployment &d)
{
    QVariantMap m;
    m[QStringLiteral("name")] = d.name;
    m[QStringLiteral("endpoint_name")] = d.endpointName;
    m[QStringLiteral("description")] = d.description;
    m[QStringLiteral("tags")] = joined(d.tags);
    m[QStringLiteral("properties")] = joined(d.properties);
    m[QStringLiteral("model.kind")] = kindName(d.model.kind);
    m[QStringLiteral("model.value")] = d.model.value;
    m[QStringLiteral("model.name")] = d.model.name;
    m[QStringLiteral("model.version")] = d.model.version;
    m[QStringLiteral("model.type")] = d.model.type;
    m[QStringLiteral("model.description")] = d.model.description;
    m[QStringLiteral("model_mount_path")] = d.modelMountPath;
    const CodeConfiguration code = d.codeConfiguration.value_or(CodeConfiguration());
    m[QStringLiteral("code.kind")]
        = d.codeConfiguration ? kindName(code.kind) : QStringLiteral("absent");
    m[QStringLiteral("code.code")] = code.code;
    m[QStringLiteral("code.scoring_script")] = code.scoringScript;
    const EnvironmentRef &e = d.environment;
    m[QStringLiteral("env.kind")] = kindName(e.kind);
    m[QStringLiteral("env.value")] = e.value;
    m[QStringLiteral("env.name")] = e.name;
    m[QStringLiteral("env.version")] = e.version;
    m[QStringLiteral("env.description")] = e.description;
    m[QStringLiteral("env.image")] = e.image;
    m[QStringLiteral("env.conda_file")] = e.condaFile;
    m[QStringLiteral("env.build")] = e.build
        ? e.build->path + QLatin1Char('|') + e.build->dockerfilePath
        : QStringLiteral("absent");
    m[QStringLiteral("env.routes")] = e.inferenceConfig ? route(e.inferenceConfig->livenessRoute)
            + QLatin1Char(' ') + route(e.inferenceConfig->readinessRoute) + QLatin1Char(' ')
            + route(e.inferenceConfig->scoringRoute)
                                                        : QStringLiteral("absent");
    m[QStringLiteral("environment_variables")] = joined(d.environmentVariables);
    m[QStringLiteral("instance_type")] = d.instanceType;
    m[QStringLiteral("instance_count")] = d.instanceCount;
    m[QStringLiteral("app_insights_enabled")] = d.appInsightsEnabled;
    m[QStringLiteral("scale_settings.type")] = d.scaleSettings.type;
    m[QStringLiteral("request_settings.request_timeout_ms")] = d.requestSettings.requestTimeoutMs;
    m[QStringLiteral("request_settings.max_concurrent_requests_per_instance")]
        = d.requestSettings.maxConcurrentRequestsPerInstance;
    m[QStringLiteral("request_settings.max_queue_wait_ms")] = d.requestSettings.maxQueueWaitMs;
    addProbe(m, QStringLiteral("liveness_probe"), d.livenessProbe);
    addProbe(m, QStringLiteral("readiness_probe"), d.readinessProbe);
    m[QStringLiteral("egress_public_network_access")] = d.egressPublicNetworkAccess;
    m[QStringLiteral("data_collector")] = d.dataCollector
        ? QString::fromUtf8(QJsonDocument(*d.dataCollector).toJson(QJsonDocument::Compact))
        : QStringLiteral("absent");
    m[QStringLiteral("local_command")] = d.localCommand.join(QLatin1Char(' '));
    m[QStringLiteral("local_python")] = d.localPython;
    return m;
}

QVariantMap fields(const Endpoint &e)
{
    QVariantMap m;
    m[QStringLiteral("name")] = e.name;
    m[QStringLiteral("description")] = e.description;
    m[QStringLiteral("tags")] = joined(e.tags);
    m[QStringLiteral("properties")] = joined(e.properties);
    m[QStringLiteral("auth_mode")] = authModeYamlName(e.authMode);
    m[QStringLiteral("traffic")] = joined(e.traffic);
    m[QStringLiteral("mirror_traffic")] = joined(e.mirrorTraffic);
    m[QStringLiteral("public_network_access")] = e.publicNetworkAccess;
    m[QStringLiteral("identity")] = e.identity ? e.identity->type + QLatin1Char('|')
            + e.identity->userAssignedIdentities.join(QLatin1Char(','))
                                               : QStringLiteral("absent");
    m[QStringLiteral("compute")] = e.compute;
    return m;
}

// The documented defaults of a deployment that sets nothing but what it must.
QVariantMap deploymentDefaults()
{
    QVariantMap m;
    m[QStringLiteral("instance_count")] = 1;
    m[QStringLiteral("app_insights_enabled")] = false;
    m[QStringLiteral("scale_settings.type")] = QStringLiteral("default");
    m[QStringLiteral("request_settings.request_timeout_ms")] = 5000;
    m[QStringLiteral("request_settings.max_concurrent_requests_per_instance")] = 1;
    m[QStringLiteral("request_settings.max_queue_wait_ms")] = 500;
    for (const char *probe : { "liveness_probe", "readiness_probe" }) {
        const QString p = QLatin1String(probe);
        m[p + QStringLiteral(".initial_delay")] = 10;
        m[p + QStringLiteral(".period")] = 10;
        m[p + QStringLiteral(".timeout")] = 2;
        m[p + QStringLiteral(".success_threshold")] = 1;
        m[p + QStringLiteral(".failure_threshold")] = 30;
    }
    m[QStringLiteral("egress_public_network_access")] = QStringLiteral("enabled");
    return m;
}

// The error of a failed load, for QVERIFY2 (with the text that was read, when given).
template<typename T>
QByteArray failure(const Result<T> &result, const QByteArray &text = QByteArray())
{
    return result.ok() ? QByteArray() : text + result.error().toString().toUtf8();
}

QVariantMap merged(QVariantMap base, const QVariantMap &more)
{
    for (auto it = more.cbegin(); it != more.cend(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

QVariantMap expect(std::initializer_list<std::pair<const char *, QVariant>> pairs)
{
    QVariantMap m;
    for (const auto &[key, value] : pairs)
        m.insert(QLatin1String(key), value);
    return m;
}

// The deployment every table row starts from: files in the test's own folder.
const char *const BaseDeployment
    = "name: blue\n"
      "endpoint_name: my-endpoint\n"
      "model:\n"
      "  path: model\n"
      "code_configuration:\n"
      "  code: src\n"
      "  scoring_script: score.py\n"
      "environment:\n"
      "  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n"
      "  conda_file: env/conda.yaml\n"
      "instance_type: Standard_DS3_v2\n";

} // namespace

class TestYamlSpec : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sampleFiles();
    void deployments_data();
    void deployments();
    void endpoints_data();
    void endpoints();
    void deploymentOverrides_data();
    void deploymentOverrides();
    void endpointOverrides_data();
    void endpointOverrides();
    void nameOverrides();
    void loadFileResolvesAgainstItsFolder();
    void applyOverridesToDeployment();
    void applyOverridesToEndpoint();
    void roundTripEveryField();

private:
    void write(const QString &relative, const QByteArray &content = "x\n");
    QString dir() const { return m_dir.path(); }
    // "$DIR" in a table stands for the test's folder.
    QVariantMap placed(const QVariantMap &expected) const;
    static void compareFields(const QVariantMap &actual, const QVariantMap &expected);

    QTemporaryDir m_dir;
};

void TestYamlSpec::write(const QString &relative, const QByteArray &content)
{
    const QString path = m_dir.filePath(relative);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

void TestYamlSpec::initTestCase()
{
    QVERIFY(m_dir.isValid());
    write(QStringLiteral("model/model.pkl"));
    write(QStringLiteral("src/score.py"), "def init():\n    pass\n");
    write(QStringLiteral("src/sub/score2.py"), "def init():\n    pass\n");
    write(QStringLiteral("env/conda.yaml"), "dependencies:\n  - python=3.11\n");
    write(QStringLiteral("docker/Dockerfile"), "FROM python:3.11\n");
    write(QStringLiteral("docker/custom.Dockerfile"), "FROM python:3.11\n");
    write(QStringLiteral("bin/serve.sh"), "#!/bin/sh\n");
    write(QStringLiteral("bin/python3"), "#!/bin/sh\n");
}

QVariantMap TestYamlSpec::placed(const QVariantMap &expected) const
{
    QVariantMap result;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVariant value = it.value();
        if (value.typeId() == QMetaType::QString)
            value = value.toString().replace(QStringLiteral("$DIR"), dir());
        result.insert(it.key(), value);
    }
    return result;
}

void TestYamlSpec::compareFields(const QVariantMap &actual, const QVariantMap &expected)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY2(actual.contains(it.key()), qPrintable(it.key()));
        const QVariant got = actual.value(it.key());
        QVERIFY2(got == it.value(),
            qPrintable(QStringLiteral("%1: got '%2', expected '%3'")
                           .arg(it.key(), got.toString(), it.value().toString())));
    }
}

void TestYamlSpec::sampleFiles()
{
    RD_REQUIRE_SHARED();
    const QString sample = TestSupport::sharedDir()
        + QStringLiteral("/azureml/sample/endpoints/online/managed/sample/");
    const QString online = QDir::cleanPath(sample + QStringLiteral("../.."));

    const Result<Endpoint> endpoint = loadEndpointFile(sample + QStringLiteral("endpoint.yml"));
    QVERIFY2(endpoint.ok(), failure(endpoint).constData());
    compareFields(fields(*endpoint),
        expect({ { "name", QStringLiteral("my-endpoint") }, { "auth_mode", QStringLiteral("key") },
            { "traffic", QStringLiteral("absent") },
            { "public_network_access", QStringLiteral("enabled") } }));

    const struct
    {
        const char *file;
        const char *name;
        const char *model;
    } deployments[] = { { "blue-deployment.yml", "blue", "model-1" },
        { "green-deployment.yml", "green", "model-2" } };
    for (const auto &row : deployments) {
        const Result<Deployment> d = loadDeploymentFile(sample + QLatin1String(row.file));
        QVERIFY2(d.ok(), failure(d).constData());
        const QString model = online + QLatin1Char('/') + QLatin1String(row.model);
        QVariantMap expected = deploymentDefaults();
        expected[QStringLiteral("name")] = QLatin1String(row.name);
        expected[QStringLiteral("endpoint_name")] = QStringLiteral("my-endpoint");
        expected[QStringLiteral("model.kind")] = QStringLiteral("local");
        expected[QStringLiteral("model.value")] = QString(model + QStringLiteral("/model"));
        expected[QStringLiteral("code.kind")] = QStringLiteral("local");
        expected[QStringLiteral("code.code")] = QString(model + QStringLiteral("/onlinescoring"));
        expected[QStringLiteral("code.scoring_script")] = QStringLiteral("score.py");
        expected[QStringLiteral("env.kind")] = QStringLiteral("inline");
        expected[QStringLiteral("env.image")]
            = QStringLiteral("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest");
        expected[QStringLiteral("env.conda_file")]
            = QString(model + QStringLiteral("/environment/conda.yaml"));
        expected[QStringLiteral("instance_type")] = QStringLiteral("Standard_DS3_v2");
        compareFields(fields(*d), expected);
        // The same file is valid for an Azure workspace too.
        LoadOptions azure;
        azure.workspace = Workspace::Azure;
        QVERIFY(loadDeploymentFile(sample + QLatin1String(row.file), azure).ok());
    }
}

void TestYamlSpec::deployments_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<bool>("azure");
    QTest::addColumn<QVariantMap>("expected");

    const QByteArray base = BaseDeployment;
    auto row = [&](const char *name, const QByteArray &yaml, const QVariantMap &expected,
                   bool azure = false) { QTest::newRow(name) << yaml << azure << expected; };

    row("minimal, defaults filled in", base,
        merged(deploymentDefaults(),
            expect({ { "name", QStringLiteral("blue") },
                { "endpoint_name", QStringLiteral("my-endpoint") },
                { "model.kind", QStringLiteral("local") },
                { "model.value", QStringLiteral("$DIR/model") },
                { "code.kind", QStringLiteral("local") },
                { "code.code", QStringLiteral("$DIR/src") },
                { "code.scoring_script", QStringLiteral("score.py") },
                { "env.kind", QStringLiteral("inline") },
                { "env.conda_file", QStringLiteral("$DIR/env/conda.yaml") },
                { "env.build", QStringLiteral("absent") },
                { "instance_type", QStringLiteral("Standard_DS3_v2") },
                { "data_collector", QStringLiteral("absent") }, { "local_command", QString() } })));
    row("reference environment and asset model",
        "name: blue\nendpoint_name: my-endpoint\nmodel: azureml:my-model:3\n"
        "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
        "code_configuration: {code: src, scoring_script: score.py}\n",
        expect({ { "model.kind", QStringLiteral("asset") },
            { "model.value", QStringLiteral("azureml:my-model:3") },
            { "env.kind", QStringLiteral("asset") },
            { "env.value",
                QStringLiteral("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest") },
            { "instance_count", 1 } }));
    row("registry model and environment",
        "name: blue\nendpoint_name: my-endpoint\n"
        "model: azureml://registries/azureml/models/my-model/versions/2\n"
        "environment: azureml://registries/azureml/environments/sklearn-1.5/labels/latest\n"
        "instance_type: Standard_F4s_v2\n",
        expect({ { "model.kind", QStringLiteral("registry") },
            { "model.value",
                QStringLiteral("azureml://registries/azureml/models/my-model/versions/2") },
            { "env.kind", QStringLiteral("registry") },
            { "code.kind", QStringLiteral("absent") } }),
        true);
    row("ARM ids, with and without azureml:",
        "name: blue\nendpoint_name: my-endpoint\n"
        "model: "
        "/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/"
        "ws/models/m/versions/1\n"
        "environment: "
        "azureml:/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/"
        "workspaces/ws/environments/e/versions/4\n"
        "code_configuration:\n  code: azureml:my-code:2\n  scoring_script: score.py\n"
        "instance_type: Standard_DS3_v2\n",
        expect({ { "model.kind", QStringLiteral("arm") }, { "env.kind", QStringLiteral("arm") },
            { "env.value",
                QStringLiteral(
                    "/subscriptions/0/resourceGroups/rg/providers/"
                    "Microsoft.MachineLearningServices/workspaces/ws/environments/e/versions/4") },
            { "code.kind", QStringLiteral("asset") },
            { "code.code", QStringLiteral("azureml:my-code:2") } }),
        true);
    row("inline model object",
        QByteArray(BaseDeployment)
            .replace("model:\n  path: model\n",
                "model:\n  path: ./model/model.pkl\n  name: sk-model\n"
                "  version: 2\n  type: mlflow_model\n  description: a model\n"),
        expect({ { "model.kind", QStringLiteral("local") },
            { "model.value", QStringLiteral("$DIR/model/model.pkl") },
            { "model.name", QStringLiteral("sk-model") }, { "model.version", QStringLiteral("2") },
            { "model.type", QStringLiteral("mlflow_model") },
            { "model.description", QStringLiteral("a model") } }));
    row("plain path model, cleaned",
        QByteArray(BaseDeployment).replace("model:\n  path: model\n", "model: ./src/../model/\n"),
        expect({ { "model.kind", QStringLiteral("local") },
            { "model.value", QStringLiteral("$DIR/model") } }));
    row("datastore model path kept as a reference",
        QByteArray(BaseDeployment)
            .replace("path: model", "path: azureml://datastores/workspaceblobstore/paths/m/"),
        expect({ { "model.kind", QStringLiteral("asset") },
            { "model.value",
                QStringLiteral("azureml://datastores/workspaceblobstore/paths/m/") } }));
    row("local_command, no environment",
        "name: blue\nendpoint_name: my-endpoint\nmodel: model\n"
        "local_command: [bin/serve.sh, --port, \"8080\"]\n",
        expect({ { "local_command", QStringLiteral("$DIR/bin/serve.sh --port 8080") },
            { "env.kind", QStringLiteral("none") }, { "instance_type", QString() } }));
    row("local_command on PATH kept",
        "name: blue\nendpoint_name: my-endpoint\nlocal_command:\n  - python3\n  - -m\n  - "
        "http.server\n",
        expect({ { "local_command", QStringLiteral("python3 -m http.server") },
            { "model.kind", QStringLiteral("none") } }));
    row("local_python", QByteArray(BaseDeployment) + "local_python: ./bin/python3\n",
        expect({ { "local_python", QStringLiteral("$DIR/bin/python3") } }));
    row("probes and request settings",
        QByteArray(BaseDeployment)
            + "instance_count: 3\n"
              "request_settings:\n  request_timeout_ms: 90000\n"
              "  max_concurrent_requests_per_instance: 4\n  max_queue_wait_ms: 0\n"
              "liveness_probe:\n  initial_delay: 30\n  period: 5\n  timeout: 3\n"
              "  success_threshold: 1\n  failure_threshold: 5\n"
              "readiness_probe: {initial_delay: 1, period: 2, timeout: 1, success_threshold: 3, "
              "failure_threshold: 4}\n",
        expect({ { "instance_count", 3 }, { "request_settings.request_timeout_ms", 90000 },
            { "request_settings.max_concurrent_requests_per_instance", 4 },
            { "request_settings.max_queue_wait_ms", 0 }, { "liveness_probe.initial_delay", 30 },
            { "liveness_probe.period", 5 }, { "liveness_probe.timeout", 3 },
            { "liveness_probe.failure_threshold", 5 }, { "readiness_probe.initial_delay", 1 },
            { "readiness_probe.period", 2 }, { "readiness_probe.timeout", 1 },
            { "readiness_probe.success_threshold", 3 },
            { "readiness_probe.failure_threshold", 4 } }));
    row("partial probe keeps the other defaults",
        QByteArray(BaseDeployment) + "readiness_probe:\n  period: 3\n",
        expect({ { "readiness_probe.period", 3 }, { "readiness_probe.initial_delay", 10 },
            { "readiness_probe.failure_threshold", 30 }, { "liveness_probe.period", 10 } }));
    row("build context with custom container routes",
        "name: custom\nendpoint_name: my-endpoint\nmodel: model\nmodel_mount_path: /var/model\n"
        "environment:\n  name: triton\n  version: 1\n  description: custom\n"
        "  build:\n    path: docker\n    dockerfile_path: custom.Dockerfile\n"
        "  inference_config:\n"
        "    liveness_route: {port: 8000, path: /v2/health/live}\n"
        "    readiness_route: {port: 8000, path: /v2/health/ready}\n"
        "    scoring_route: {port: 8000, path: /}\n",
        expect({ { "env.kind", QStringLiteral("inline") }, { "env.name", QStringLiteral("triton") },
            { "env.version", QStringLiteral("1") },
            { "env.build", QStringLiteral("$DIR/docker|custom.Dockerfile") },
            { "env.routes", QStringLiteral("8000/v2/health/live 8000/v2/health/ready 8000/") },
            { "model_mount_path", QStringLiteral("/var/model") } }));
    row("build context, default Dockerfile",
        "name: custom\nendpoint_name: my-endpoint\nenvironment:\n  build:\n    path: ./docker/\n",
        expect({ { "env.build", QStringLiteral("$DIR/docker|Dockerfile") } }));
    row("maps, flags and data collector",
        QByteArray(BaseDeployment)
            + "$schema: "
              "https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\n"
              "description: the blue one\n"
              "tags: {team: ml, cost: 10}\n"
              "properties: {owner: me}\n"
              "environment_variables:\n  WORKER_COUNT: 4\n  MODE: \"fast\"\n  EMPTY:\n"
              "app_insights_enabled: yes\n"
              "scale_settings:\n  type: Default\n"
              "egress_public_network_access: Disabled\n"
              "private_network_connection: true\n"
              "data_collector:\n  sampling_rate: 1.0\n  rolling_rate: Hour\n"
              "  collections:\n    model_inputs: {enabled: 'True'}\n",
        expect({ { "description", QStringLiteral("the blue one") },
            { "tags", QStringLiteral("cost=10,team=ml") },
            { "properties", QStringLiteral("owner=me") },
            { "environment_variables", QStringLiteral("EMPTY=,MODE=fast,WORKER_COUNT=4") },
            { "app_insights_enabled", true }, { "scale_settings.type", QStringLiteral("default") },
            { "egress_public_network_access", QStringLiteral("disabled") },
            { "data_collector",
                QStringLiteral("{\"collections\":{\"model_inputs\":{\"enabled\":\"True\"}},"
                               "\"rolling_rate\":\"Hour\",\"sampling_rate\":1}") } }));
    row("read-only fields of show output are accepted and dropped",
        QByteArray(BaseDeployment)
            + "id: /subscriptions/0/x\nprovisioning_state: Succeeded\ntype: managed\n"
              "creation_context: {created_by: me}\n",
        expect({ { "name", QStringLiteral("blue") } }));
    row("absolute paths and a script in a subfolder",
        QByteArray(BaseDeployment)
            .replace("path: model", "path: $DIR/model")
            .replace("scoring_script: score.py", "scoring_script: sub/score2.py"),
        expect({ { "model.value", QStringLiteral("$DIR/model") },
            { "code.scoring_script", QStringLiteral("sub/score2.py") } }));
    row("empty optional fields are absent",
        QByteArray(BaseDeployment) + "description:\ntags:\nrequest_settings:\n",
        expect({ { "description", QString() }, { "tags", QString() },
            { "request_settings.request_timeout_ms", 5000 } }));
}

void TestYamlSpec::deployments()
{
    QFETCH(QByteArray, yaml);
    QFETCH(bool, azure);
    QFETCH(QVariantMap, expected);
    yaml.replace("$DIR", dir().toUtf8());
    LoadOptions options;
    options.workspace = azure ? Workspace::Azure : Workspace::Local;

    const Result<Deployment> d = parseDeployment(yaml, dir(), options, QStringLiteral("d.yml"));
    QVERIFY2(d.ok(), failure(d).constData());
    compareFields(fields(*d), placed(expected));

    // toYaml reads back to the same resource, and is a fixed point.
    const QByteArray text = toYaml(*d);
    const Result<Deployment> again = parseDeployment(text, QStringLiteral("/"), options);
    QVERIFY2(again.ok(), failure(again, text).constData());
    QCOMPARE(fields(*again), fields(*d));
    QCOMPARE(toYaml(*again), text);
}

void TestYamlSpec::endpoints_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QVariantMap>("expected");

    QTest::newRow("minimal") << QByteArray("name: my-endpoint\n")
                             << expect({ { "name", QStringLiteral("my-endpoint") },
                                    { "auth_mode", QStringLiteral("key") },
                                    { "traffic", QStringLiteral("absent") },
                                    { "mirror_traffic", QStringLiteral("absent") },
                                    { "public_network_access", QStringLiteral("enabled") },
                                    { "identity", QStringLiteral("absent") } });
    QTest::newRow("every field") << QByteArray(
        "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\n"
        "name: my-endpoint\ndescription: safe rollout\ntags:\n  team: ml\n"
        "auth_mode: aml_token\ntraffic:\n  blue: 90\n  green: 10\n"
        "mirror_traffic:\n  shadow: 20\npublic_network_access: disabled\n"
        "identity:\n  type: system_assigned\nproperties: {a: b}\n")
                                 << expect({ { "description", QStringLiteral("safe rollout") },
                                        { "tags", QStringLiteral("team=ml") },
                                        { "auth_mode", QStringLiteral("aml_token") },
                                        { "traffic", QStringLiteral("blue=90,green=10") },
                                        { "mirror_traffic", QStringLiteral("shadow=20") },
                                        { "public_network_access", QStringLiteral("disabled") },
                                        { "identity", QStringLiteral("system_assigned|") },
                                        { "properties", QStringLiteral("a=b") } });
    QTest::newRow("user-assigned identity, both list forms")
        << QByteArray("name: my-endpoint\nauth_mode: aad_token\nidentity:\n  type: user_assigned\n"
                      "  user_assigned_identities:\n    - resource_id: /subscriptions/0/id1\n"
                      "    - /subscriptions/0/id2\n  principal_id: 123\n")
        << expect({ { "auth_mode", QStringLiteral("aad_token") },
               { "identity",
                   QStringLiteral("user_assigned|/subscriptions/0/id1,/subscriptions/0/id2") } });
    QTest::newRow("ARM spellings of enums")
        << QByteArray("name: my-endpoint\nauth_mode: AMLToken\npublic_network_access: Enabled\n")
        << expect({ { "auth_mode", QStringLiteral("aml_token") },
               { "public_network_access", QStringLiteral("enabled") } });
    QTest::newRow("zero traffic and mirror off")
        << QByteArray("name: my-endpoint\ntraffic: {blue: 0, green: 0}\nmirror_traffic: {}\n")
        << expect({ { "traffic", QStringLiteral("blue=0,green=0") },
               { "mirror_traffic", QString() } });
    QTest::newRow("show output with read-only fields")
        << QByteArray("name: my-endpoint\nid: /subscriptions/0/e\nprovisioning_state: Succeeded\n"
                      "scoring_uri: http://127.0.0.1:1/score\nopenapi_uri: http://x/swagger.json\n"
                      "location: local\nkind: Managed\ntraffic:\n  blue: 100\n")
        << expect({ { "traffic", QStringLiteral("blue=100") } });
}

void TestYamlSpec::endpoints()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QVariantMap, expected);
    const Result<Endpoint> e = parseEndpoint(yaml, dir(), {}, QStringLiteral("e.yml"));
    QVERIFY2(e.ok(), failure(e).constData());
    compareFields(fields(*e), expected);
    QVERIFY(e->id.isEmpty()); // read-only fields are not taken from a file
    QVERIFY(e->scoringUri.isEmpty());

    const QByteArray text = toYaml(*e);
    const Result<Endpoint> again = parseEndpoint(text, QString());
    QVERIFY2(again.ok(), failure(again, text).constData());
    QCOMPARE(fields(*again), fields(*e));
    QCOMPARE(toYaml(*again), text);
}

void TestYamlSpec::deploymentOverrides_data()
{
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QVariantMap>("expected");
    auto row = [](const char *name, const QStringList &overrides, const QVariantMap &expected) {
        QTest::newRow(name) << overrides << expected;
    };
    row("instance_count", { QStringLiteral("instance_count=2") },
        expect({ { "instance_count", 2 } }));
    row("nested, section absent", { QStringLiteral("request_settings.request_timeout_ms=9000") },
        expect({ { "request_settings.request_timeout_ms", 9000 },
            { "request_settings.max_queue_wait_ms", 500 } }));
    row("environment variable", { QStringLiteral("environment_variables.FOO=bar") },
        expect({ { "environment_variables", QStringLiteral("FOO=bar") } }));
    row("tag", { QStringLiteral("tags.team=ml") },
        expect({ { "tags", QStringLiteral("team=ml") } }));
    row("several, last wins",
        { QStringLiteral("instance_count=2"), QStringLiteral("liveness_probe.period=3"),
            QStringLiteral("instance_count=5") },
        expect({ { "instance_count", 5 }, { "liveness_probe.period", 3 } }));
    row("quoted string with spaces", { QStringLiteral("description=\"hello: world\"") },
        expect({ { "description", QStringLiteral("hello: world") } }));
    row("boolean and enum",
        { QStringLiteral("app_insights_enabled=true"),
            QStringLiteral("egress_public_network_access=disabled") },
        expect({ { "app_insights_enabled", true },
            { "egress_public_network_access", QStringLiteral("disabled") } }));
    row("model becomes a reference", { QStringLiteral("model=azureml:my-model:7") },
        expect({ { "model.kind", QStringLiteral("asset") },
            { "model.value", QStringLiteral("azureml:my-model:7") } }));
    row("existing nested value",
        { QStringLiteral("code_configuration.scoring_script=sub/score2.py") },
        expect({ { "code.scoring_script", QStringLiteral("sub/score2.py") } }));
    row("flow list", { QStringLiteral("local_command=[python3, -m, http.server]") },
        expect({ { "local_command", QStringLiteral("python3 -m http.server") } }));
    row("empty value clears", { QStringLiteral("description=") },
        expect({ { "description", QString() } }));
}

void TestYamlSpec::deploymentOverrides()
{
    QFETCH(QStringList, overrides);
    QFETCH(QVariantMap, expected);
    LoadOptions options;
    options.setOverrides = overrides;
    const Result<Deployment> d
        = parseDeployment(QByteArray(BaseDeployment) + "description: x\n", dir(), options);
    QVERIFY2(d.ok(), failure(d).constData());
    compareFields(fields(*d), expected);
}

void TestYamlSpec::endpointOverrides_data()
{
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QVariantMap>("expected");
    QTest::newRow("traffic created") << QStringList { QStringLiteral("traffic.blue=100") }
                                     << expect({ { "traffic", QStringLiteral("blue=100") } });
    QTest::newRow("traffic and mirror") << QStringList { QStringLiteral("traffic.blue=100"),
        QStringLiteral("mirror_traffic.green=10") }
                                        << expect({ { "traffic", QStringLiteral("blue=100") },
                                               { "mirror_traffic", QStringLiteral("green=10") } });
    QTest::newRow("tags and auth")
        << QStringList { QStringLiteral("tags.team=ml"), QStringLiteral("auth_mode=aml_token") }
        << expect({ { "tags", QStringLiteral("team=ml") },
               { "auth_mode", QStringLiteral("aml_token") } });
}

void TestYamlSpec::endpointOverrides()
{
    QFETCH(QStringList, overrides);
    QFETCH(QVariantMap, expected);
    LoadOptions options;
    options.setOverrides = overrides;
    const Result<Endpoint> e = parseEndpoint("name: my-endpoint\n", dir(), options);
    QVERIFY2(e.ok(), failure(e).constData());
    compareFields(fields(*e), expected);
}

void TestYamlSpec::nameOverrides()
{
    LoadOptions options;
    options.nameOverride = QStringLiteral("green");
    options.endpointNameOverride = QStringLiteral("other-endpoint");
    const Result<Deployment> d = parseDeployment(BaseDeployment, dir(), options);
    QVERIFY2(d.ok(), failure(d).constData());
    QCOMPARE(d->name, QStringLiteral("green"));
    QCOMPARE(d->endpointName, QStringLiteral("other-endpoint"));

    // A file without names is complete with the flags.
    const QByteArray nameless = QByteArray(BaseDeployment)
                                    .replace("name: blue\n", "")
                                    .replace("endpoint_name: my-endpoint\n", "");
    QVERIFY(!parseDeployment(nameless, dir()).ok());
    QVERIFY(parseDeployment(nameless, dir(), options).ok());

    LoadOptions endpointName;
    endpointName.nameOverride = QStringLiteral("renamed");
    const Result<Endpoint> e = parseEndpoint("auth_mode: key\n", dir(), endpointName);
    QVERIFY2(e.ok(), failure(e).constData());
    QCOMPARE(e->name, QStringLiteral("renamed"));
}

void TestYamlSpec::loadFileResolvesAgainstItsFolder()
{
    write(QStringLiteral("specs/deploy.yml"),
        "name: blue\nendpoint_name: my-endpoint\nmodel:\n  path: ../model\n"
        "code_configuration: {code: ../src, scoring_script: score.py}\n"
        "environment: {image: python:3.11, conda_file: ../env/conda.yaml}\n");
    // Loaded from another current folder, paths still start from the file's folder.
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(QDir::tempPath()));
    const Result<Deployment> d
        = loadDeploymentFile(m_dir.filePath(QStringLiteral("specs/deploy.yml")));
    QVERIFY(QDir::setCurrent(before));
    QVERIFY2(d.ok(), failure(d).constData());
    QCOMPARE(d->model.value, m_dir.filePath(QStringLiteral("model")));
    QCOMPARE(d->codeConfiguration->code, m_dir.filePath(QStringLiteral("src")));
    QCOMPARE(d->environment.condaFile, m_dir.filePath(QStringLiteral("env/conda.yaml")));
}

void TestYamlSpec::applyOverridesToDeployment()
{
    Result<Deployment> loaded = parseDeployment(BaseDeployment, dir());
    QVERIFY(loaded.ok());
    Deployment d = *loaded;
    d.id = QStringLiteral("/subscriptions/0/deployments/blue");
    d.provisioningState = QStringLiteral("Succeeded");
    d.sourceJson = QJsonObject { { QStringLiteral("name"), QStringLiteral("blue") } };

    const Result<Deployment> scaled = applyOverrides(d,
        { QStringLiteral("instance_count=3"), QStringLiteral("environment_variables.MODE=fast") });
    QVERIFY2(scaled.ok(), failure(scaled).constData());
    QCOMPARE(scaled->instanceCount, 3);
    QCOMPARE(scaled->environmentVariables.value(QStringLiteral("MODE")), QStringLiteral("fast"));
    QCOMPARE(scaled->id, d.id);
    QCOMPARE(scaled->provisioningState, d.provisioningState);
    QCOMPARE(scaled->sourceJson, d.sourceJson);
    QVariantMap unchanged = fields(*scaled);
    unchanged[QStringLiteral("instance_count")] = 1;
    unchanged[QStringLiteral("environment_variables")] = QString();
    QCOMPARE(unchanged, fields(d));

    // A resource read back from a workspace: its name and its (host-side) paths are not
    // a user's to fix, so an unrelated override still applies.
    Deployment remote = d;
    remote.name = QStringLiteral("blue_v1");
    remote.model.value = QStringLiteral("/nonexistent/state/model");
    const Result<Deployment> remoteScaled
        = applyOverrides(remote, { QStringLiteral("instance_count=2") });
    QVERIFY2(remoteScaled.ok(), failure(remoteScaled).constData());
    QCOMPARE(remoteScaled->name, QStringLiteral("blue_v1"));
    QCOMPARE(remoteScaled->instanceCount, 2);

    // No overrides: the resource as it is.
    QCOMPARE(fields(*applyOverrides(d, {})), fields(d));
}

void TestYamlSpec::applyOverridesToEndpoint()
{
    Endpoint e;
    e.name = QStringLiteral("my-endpoint");
    e.traffic = TrafficMap { { QStringLiteral("blue"), 100 }, { QStringLiteral("green"), 0 } };
    e.id = QStringLiteral("/subscriptions/0/onlineEndpoints/my-endpoint");
    e.scoringUri = QStringLiteral("http://127.0.0.1:5000/score");
    e.provisioningState = QStringLiteral("Succeeded");
    const Result<Endpoint> updated = applyOverrides(e,
        { QStringLiteral("traffic.blue=90"), QStringLiteral("traffic.green=10"),
            QStringLiteral("description=canary") });
    QVERIFY2(updated.ok(), failure(updated).constData());
    QCOMPARE(joined(updated->traffic), QStringLiteral("blue=90,green=10"));
    QCOMPARE(updated->description, QStringLiteral("canary"));
    QCOMPARE(updated->scoringUri, e.scoringUri);
    QCOMPARE(updated->id, e.id);
    QCOMPARE(updated->provisioningState, e.provisioningState);
}

void TestYamlSpec::roundTripEveryField()
{
    Deployment d;
    d.name = QStringLiteral("everything");
    d.endpointName = QStringLiteral("my-endpoint");
    d.description = QStringLiteral("multi\nline: with 'quotes' and \"more\"");
    d.tags = { { QStringLiteral("n"), QStringLiteral("10") },
        { QStringLiteral("b"), QStringLiteral("true") },
        { QStringLiteral("nul"), QStringLiteral("null") }, { QStringLiteral("e"), QString() } };
    d.properties = { { QStringLiteral("k"), QStringLiteral(" spaced ") } };
    d.model = { AssetKind::LocalPath, m_dir.filePath(QStringLiteral("model")), QStringLiteral("m"),
        QStringLiteral("1.10"), QStringLiteral("custom_model"), QStringLiteral("d") };
    d.modelMountPath = QStringLiteral("/var/azureml-app/model");
    d.codeConfiguration = CodeConfiguration { AssetKind::LocalPath,
        m_dir.filePath(QStringLiteral("src")), QStringLiteral("score.py") };
    d.environment.kind = AssetKind::Inline;
    d.environment.image = QStringLiteral("python:3.11");
    d.environment.condaFile = m_dir.filePath(QStringLiteral("env/conda.yaml"));
    d.environment.inferenceConfig = InferenceConfig { { 5001, QStringLiteral("/live") },
        { 5002, QStringLiteral("/ready") }, { 5003, QStringLiteral("/score") } };
    d.environmentVariables = { { QStringLiteral("A"), QStringLiteral("~") } };
    d.instanceType = QStringLiteral("Standard_DS3_v2");
    d.instanceCount = 7;
    d.appInsightsEnabled = true;
    d.requestSettings = { 1234, 5, 0 };
    d.livenessProbe = { 11, 12, 13, 1, 15 };
    d.readinessProbe = { 21, 22, 23, 24, 25 };
    d.egressPublicNetworkAccess = QStringLiteral("disabled");
    d.dataCollector = QJsonDocument::fromJson(
        R"({"sampling_rate": 0.25, "count": 3, "whole": 2.0, "flag": false,
                              "text": "10", "none": null,
                              "collections": {"inputs": {"enabled": "True", "list": [1, "a", true]}}})")
                          .object();
    d.localPython = m_dir.filePath(QStringLiteral("bin/python3"));

    const QByteArray text = toYaml(d);
    const Result<Deployment> again = parseDeployment(text, dir());
    QVERIFY2(again.ok(), failure(again, text).constData());
    QCOMPARE(fields(*again), fields(d));
    QCOMPARE(*again->dataCollector, *d.dataCollector);
    QVERIFY(text.contains("text: \"10\"")); // a string that looks like a number stays one

    Endpoint e;
    e.name = QStringLiteral("my-endpoint");
    e.description = QStringLiteral("#not a comment");
    e.authMode = AuthMode::AadToken;
    e.traffic = TrafficMap { { QStringLiteral("blue"), 100 } };
    e.mirrorTraffic = TrafficMap {};
    e.publicNetworkAccess = QStringLiteral("disabled");
    e.identity
        = Identity { QStringLiteral("user_assigned"), { QStringLiteral("/subscriptions/0/a") } };
    e.tags = { { QStringLiteral("x"), QStringLiteral("- y") } };
    const QByteArray endpointText = toYaml(e);
    const Result<Endpoint> endpointAgain = parseEndpoint(endpointText, dir());
    QVERIFY2(endpointAgain.ok(), failure(endpointAgain, endpointText).constData());
    QCOMPARE(fields(*endpointAgain), fields(e));
}

QTEST_APPLESS_MAIN(TestYamlSpec)
#include "tst_yamlspec.moc"
