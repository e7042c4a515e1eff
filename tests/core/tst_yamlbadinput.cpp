// Bad YAML specs: each fails with the field at fault (dotted target), the line and column
// of the offending node, and a message that says what is wrong and how to fix it.

#include "yamlspec.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace YamlSpec;

namespace {

// Every row edits this valid deployment (line numbers in the table refer to it).
const char *const Base = "name: blue\n" // 1
                         "endpoint_name: my-endpoint\n" // 2
                         "model:\n" // 3
                         "  path: model\n" // 4
                         "code_configuration:\n" // 5
                         "  code: src\n" // 6
                         "  scoring_script: score.py\n" // 7
                         "environment:\n" // 8
                         "  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n" // 9
                         "  conda_file: env/conda.yaml\n" // 10
                         "instance_type: Standard_DS3_v2\n" // 11
                         "instance_count: 1\n"; // 12

QByteArray base() { return QByteArray(Base); }

// The base with `extra` appended (its first line is line 13).
QByteArray plus(const char *extra) { return base() + extra; }

QByteArray with(const char *from, const char *to)
{
    QByteArray text = base();
    Q_ASSERT(text.contains(from));
    return text.replace(from, to);
}

enum class Kind
{
    Endpoint,
    Deployment,
    AzureDeployment,
    ApplyDeployment,
    ApplyEndpoint
};

} // namespace

Q_DECLARE_METATYPE(Kind)

class TestYamlBadInput : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void badInput_data();
    void badInput();
    void missingFile();
    void neverThrows_data();
    void neverThrows();

private:
    QTemporaryDir m_dir;
};

void TestYamlBadInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const char *files[] = { "model/model.pkl", "src/score.py", "env/conda.yaml",
        "docker/Dockerfile", "bin/serve.sh" };
    for (const char *relative : files) {
        const QString path = m_dir.filePath(QLatin1String(relative));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x\n");
    }
    // The base is valid, so every row below fails for its own reason only.
    QVERIFY(parseDeployment(base(), m_dir.path()).ok());
}

void TestYamlBadInput::badInput_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QString>("target"); // null: not checked
    QTest::addColumn<int>("line"); // -1: not checked; 0: no line (command-line values)
    QTest::addColumn<int>("column"); // -1: not checked
    QTest::addColumn<QStringList>("words"); // each in the message, ignoring case
    QTest::addColumn<QString>("fix"); // the part that says how to fix it

    auto row = [](const char *name, Kind kind, const QByteArray &yaml, const char *target, int line,
                   int column, const QStringList &words, const char *fix,
                   const QStringList &overrides = {}) {
        QTest::newRow(name) << kind << yaml << overrides
                            << (target ? QString::fromUtf8(target) : QString()) << line << column
                            << words << QString::fromUtf8(fix);
    };
    const Kind D = Kind::Deployment;
    const Kind E = Kind::Endpoint;
    auto w = [](std::initializer_list<const char *> list) {
        QStringList words;
        for (const char *word : list)
            words << QString::fromUtf8(word);
        return words;
    };

    // --- The document itself
    row("YAML syntax error", D, "name: blue\nmodel: [a, b\ninstance_count: 1\n", nullptr, 3, -1,
        w({ "syntax error" }), "indentation");
    row("tab indentation", D, "name: blue\nmodel:\n\tpath: model\n", nullptr, 3, -1,
        w({ "syntax error" }), "spaces, not tabs");
    row("empty document", D, "", nullptr, 0, -1, w({ "empty" }), "`name: ...`");
    row("only comments", E, "# nothing yet\n", nullptr, 0, -1, w({ "empty" }), "`key: value`");
    row("list at top level", D, "- name: blue\n- name: green\n", nullptr, 1, 1, w({ "a list" }),
        "mapping of fields");
    row("single value at top level", E, "my-endpoint\n", nullptr, 1, 1, w({ "single value" }),
        "mapping of fields");
    row("two documents", E, "name: a\n---\nname: b\n", nullptr, 3, 1, w({ "2 YAML documents" }),
        "one endpoint or deployment in each file");
    // yaml-cpp 0.7 alone loops for ever on these (found by tests/fuzz/fuzz_yamlspec).
    row("stray comma", E, ",\n", nullptr, 1, 1, w({ "syntax error", "','" }), "Remove it");
    row("comma after a list", D, "# c\n[a], b\n", nullptr, 2, 4, w({ "syntax error", "','" }),
        "quote the value");
    row("duplicate key", D, plus("name: green\n"), "name", 13, 1, w({ "given twice" }), "keep one");

    // --- Unknown fields and wrong types
    row("unknown top-level field", D, plus("instance_cont: 2\n"), "instance_cont", 13, 1,
        w({ "unknown field" }), "did you mean `instance_count`");
    row("unknown nested field", D, plus("request_settings:\n  request_timeout: 100\n"),
        "request_settings.request_timeout", 14, 3, w({ "unknown field", "request_settings" }),
        "allowed fields in `request_settings`: `request_timeout_ms`");
    row("unknown endpoint field", E, "name: my-endpoint\nauth: key\n", "auth", 2, 1,
        w({ "unknown field", "`auth`" }), "auth_mode");
    row("integer given as a word", D, with("instance_count: 1", "instance_count: two"),
        "instance_count", 12, 17, w({ "must be an integer", "\"two\"" }), "1 to 50");
    row("integer given as a float", D, plus("liveness_probe:\n  period: 2.5\n"),
        "liveness_probe.period", 14, 11, w({ "integer", "\"2.5\"" }), "e.g. `period: 10`");
    row("mapping given as a list", D, plus("tags: [a]\n"), "tags", 13, 7,
        w({ "mapping of names to strings", "a list" }), "`name: value` pairs");
    row("mapping given as a number", D, plus("request_settings: 5\n"), "request_settings", 13, 19,
        w({ "must be a mapping", "\"5\"" }), "request_timeout_ms: 5000");
    row("string given as a mapping", D, plus("description:\n  text: hi\n"), "description", 13, 1,
        w({ "must be a string", "a mapping" }), "on one line");
    row("map value given as a mapping", D, plus("environment_variables:\n  A:\n    b: 1\n"),
        "environment_variables.A", 14, 3, w({ "must be a string" }), "`A: <text>`");
    row("boolean given as a word", D, plus("app_insights_enabled: maybe\n"), "app_insights_enabled",
        13, 23, w({ "boolean", "\"maybe\"" }), "true or false");
    row("data_collector given as a list", D, plus("data_collector: [a]\n"), "data_collector", 13,
        17, w({ "must be a mapping" }), "indented under `data_collector:`");
    row("data_collector alias cycle", D, plus("data_collector: &a\n  x: *a\n"), nullptr, -1, -1,
        w({ "nested too deeply" }), "simplify");

    // --- Names
    row("name too short", D, with("name: blue", "name: ab"), "name", 1, 7,
        w({ "'ab'", "2 characters" }), "3 to 32");
    row("name too long", E, "name: " + QByteArray(33, 'a') + "\n", "name", 1, 7,
        w({ "33 characters" }), "3 to 32");
    row("name with underscore", D, with("name: blue", "name: blue_green"), "name", 1, 7,
        w({ "not valid" }), "only letters, digits and '-'");
    row("name starts with a digit", E, "name: 1endpoint\n", "name", 1, 7, w({ "'1endpoint'" }),
        "start with a letter");
    row("name ends with a hyphen", D, with("name: blue", "name: blue-"), "name", 1, 7,
        w({ "'blue-'" }), "end with a letter or digit");
    row("endpoint_name invalid", D,
        with("endpoint_name: my-endpoint", "endpoint_name: my_endpoint"), "endpoint_name", 2, 16,
        w({ "endpoint name", "'my_endpoint'" }), "start with a letter");
    row("name missing", D, with("name: blue\n", ""), "name", -1, -1, w({ "no `name`" }), "--name");
    row("name empty", E, "name:\nauth_mode: key\n", "name", 1, 1, w({ "no `name`" }),
        "add `name: my-endpoint`");
    row("endpoint_name missing", D, with("endpoint_name: my-endpoint\n", ""), "endpoint_name", -1,
        -1, w({ "no `endpoint_name`" }), "--endpoint-name");

    // --- Enumerations
    row("auth_mode unknown", E, "name: my-endpoint\nauth_mode: password\n", "auth_mode", 2, 12,
        w({ "\"password\"" }), "allowed values: key, aml_token, aad_token");
    row("public_network_access unknown", E, "name: my-endpoint\npublic_network_access: open\n",
        "public_network_access", 2, 24, w({ "\"open\"" }), "allowed values: enabled, disabled");
    row("egress unknown", D, plus("egress_public_network_access: blocked\n"),
        "egress_public_network_access", 13, 31, w({ "\"blocked\"" }), "enabled, disabled");
    row("model type unknown", D, with("  path: model\n", "  path: model\n  type: onnx_model\n"),
        "model.type", 5, 9, w({ "\"onnx_model\"" }), "custom_model, mlflow_model, triton_model");

    // --- Traffic and mirror traffic
    row("traffic not an integer", E, "name: my-endpoint\ntraffic: {blue: 9.5}\n", "traffic.blue", 2,
        17, w({ "integer", "\"9.5\"" }), "0 to 100");
    row("traffic negative", E, "name: my-endpoint\ntraffic:\n  blue: -5\n", "traffic.blue", 3, 9,
        w({ "-5" }), "from 0 to 100");
    row("traffic above 100", E, "name: my-endpoint\ntraffic:\n  blue: 150\n", "traffic.blue", 3, 9,
        w({ "150" }), "from 0 to 100");
    row("traffic total not 100", E, "name: my-endpoint\ntraffic:\n  blue: 50\n  green: 20\n",
        "traffic", 2, 1, w({ "totals 70" }), "must total 100");
    row("traffic as a list", E, "name: my-endpoint\ntraffic: [blue, green]\n", "traffic", 2, 10,
        w({ "mapping of deployment names" }), "traffic: {blue: 100}");
    row("traffic key not a deployment name", E, "name: my-endpoint\ntraffic:\n  blue_1: 100\n",
        "traffic.blue_1", 3, 11, w({ "'blue_1'" }), "only letters, digits");
    row("mirror to two deployments", E,
        "name: my-endpoint\nmirror_traffic:\n  green: 10\n  red: 10\n", "mirror_traffic", 2, 1,
        w({ "2 deployments" }), "only one deployment");
    row("mirror above 50", E, "name: my-endpoint\nmirror_traffic:\n  green: 60\n",
        "mirror_traffic.green", 3, 10, w({ "60" }), "at most 50");
    row("mirror to a live deployment", E,
        "name: my-endpoint\ntraffic: {blue: 100}\nmirror_traffic: {blue: 10}\n",
        "mirror_traffic.blue", 3, 24, w({ "live traffic" }), "set its live traffic to 0");

    // --- Deployment ranges (rules.h)
    row("instance_count 0", D, with("instance_count: 1", "instance_count: 0"), "instance_count", 12,
        17, w({ "instance_count is 0" }), "from 1 to 50");
    row("instance_count 51", D, with("instance_count: 1", "instance_count: 51"), "instance_count",
        12, 17, w({ "51" }), "from 1 to 50");
    row("request timeout 0", D, plus("request_settings:\n  request_timeout_ms: 0\n"),
        "request_settings.request_timeout_ms", 14, 23, w({ "is 0 ms" }), "from 1 to 180000");
    row("request timeout above 180 s", D, plus("request_settings:\n  request_timeout_ms: 180001\n"),
        "request_settings.request_timeout_ms", 14, 23, w({ "180001" }), "from 1 to 180000");
    row("max concurrent 0", D,
        plus("request_settings:\n  max_concurrent_requests_per_instance: 0\n"),
        "request_settings.max_concurrent_requests_per_instance", 14, 41, w({ "is 0" }),
        "at least 1");
    row("probe initial_delay 0", D, plus("liveness_probe:\n  initial_delay: 0\n"),
        "liveness_probe.initial_delay", 14, 18, w({ "0 seconds" }), "at least 1");
    row("probe timeout 0", D, plus("readiness_probe:\n  timeout: 0\n"), "readiness_probe.timeout",
        14, 12, w({ "0 seconds" }), "at least 1");
    row("probe failure_threshold 0", D, plus("readiness_probe:\n  failure_threshold: 0\n"),
        "readiness_probe.failure_threshold", 14, 22, w({ "is 0" }), "at least 1");
    row("liveness success_threshold 2", D, plus("liveness_probe:\n  success_threshold: 2\n"),
        "liveness_probe.success_threshold", 14, 22, w({ "always 1" }), "set it to 1");

    // --- Local paths: resolved against the file's folder, must exist
    row("model path missing", D, with("path: model", "path: no-model"), "model.path", 4, 9,
        w({ "$DIR/no-model", "no such file or folder" }), "relative paths start from the folder");
    row("code folder missing", D, with("code: src", "code: ../elsewhere/src"),
        "code_configuration.code", 6, 9, w({ "resolves to", "no such folder" }), "fix the path");
    row("code is a file", D, with("code: src", "code: src/score.py"), "code_configuration.code", 6,
        9, w({ "$DIR/src/score.py", "is a file" }), "must be a folder");
    row("conda file missing", D, with("conda_file: env/conda.yaml", "conda_file: env/conda.yml"),
        "environment.conda_file", 10, 15, w({ "$DIR/env/conda.yml", "no such file" }),
        "fix the path");
    row("scoring script not in code folder", D,
        with("scoring_script: score.py", "scoring_script: main.py"),
        "code_configuration.scoring_script", 7, 19, w({ "$DIR/src/main.py", "no such file" }),
        "put the scoring script there");
    row("scoring script outside code folder", D,
        with("scoring_script: score.py", "scoring_script: ../model/model.pkl"),
        "code_configuration.scoring_script", 7, 19, w({ "inside the code folder" }),
        "relative to it");
    row("scoring script missing", D, with("  scoring_script: score.py\n", ""),
        "code_configuration.scoring_script", 5, 1, w({ "is missing" }), "scoring_script: score.py");
    row("inline model without path", D, with("  path: model\n", "  name: m\n"), "model.path", 3, 1,
        w({ "`model.path` is missing" }), "path: ./model");
    row("local_command program missing", D, plus("local_command: [bin/nothere.sh, --port]\n"),
        "local_command[0]", 13, 17, w({ "$DIR/bin/nothere.sh" }), "fix the path");
    row("build context without Dockerfile", D,
        with("  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n",
            "  build:\n    path: env\n"),
        "environment.build.dockerfile_path", 10, 11, w({ "has no Dockerfile" }),
        "dockerfile_path:");

    // --- References
    row("model reference without a name", D,
        with("model:\n  path: model\n", "model: \"azureml:\"\n"), "model", 3, 8,
        w({ "not an asset reference" }), "azureml:<name>:<version>");
    row("model reference without a version", D,
        with("model:\n  path: model\n", "model: azureml:my-model\n"), "model", 3, 8,
        w({ "\"azureml:my-model\"" }), "azureml:<name>@<label>");
    row("registry URI without a version", D,
        with("model:\n  path: model\n", "model: azureml://registries/azureml/models/m\n"), "model",
        3, 8, w({ "not a registry models URI" }), "/versions/<version>");
    row("registry URI of the wrong asset type", D,
        with(
            "model:\n  path: model\n", "model: azureml://registries/r/environments/e/versions/1\n"),
        "model", 3, 8, w({ "registry models URI" }), "azureml://registries/<registry>/models/");
    row("environment given as a path", D,
        with("environment:\n  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n"
             "  conda_file: env/conda.yaml\n",
            "environment: env/conda.yaml\n"),
        "environment", 8, 14, w({ "not an environment reference" }), "azureml:<name>:<version>");
    row("environment with image and build", D,
        with("  conda_file: env/conda.yaml\n",
            "  conda_file: env/conda.yaml\n  build:\n    path: docker\n"),
        "environment.build", 11, 3, w({ "both `image` and `build`" }), "give one of them");
    row("environment with neither image nor build", D,
        with("  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n", ""),
        "environment.image", 8, 1, w({ "neither `image` nor `build`" }), "add e.g. `image:");
    row("environment missing (with code)", D,
        with("environment:\n  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n"
             "  conda_file: env/conda.yaml\n",
            ""),
        "environment", -1, -1, w({ "no `environment`" }), "local_command");
    row("custom container route without port", D,
        plus("model_mount_path: /var/model\n")
            .replace("  conda_file: env/conda.yaml\n",
                "  inference_config:\n    liveness_route: {path: /live}\n"
                "    readiness_route: {port: 5001, path: /ready}\n"
                "    scoring_route: {port: 5001, path: /score}\n"),
        "environment.inference_config.liveness_route.port", 11, 21,
        w({ "needs both `port` and `path`" }), "port: 5001");

    // --- Which kind of file, Kubernetes-only and Azure-only settings
    row("deployment file given as an endpoint", E, base(), "endpoint_name", 2, 1,
        w({ "this is a deployment file", "`endpoint_name`" }), "online-deployment create");
    row("deployment $schema given as an endpoint", E,
        "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\n"
        "name: blue\n",
        "$schema", 1, 10, w({ "deployment file" }), "online-deployment create");
    row("endpoint file given as a deployment", D, "name: my-endpoint\nauth_mode: key\n",
        "auth_mode", 2, 1, w({ "this is an endpoint file" }), "online-endpoint create");
    row("Kubernetes schema", D,
        "$schema: "
        "https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json\n"
        "name: blue\n",
        "$schema", 1, 10, w({ "kubernetes schema" }), "managedOnlineDeployment.schema.json");
    row("Kubernetes deployment type", D, plus("type: kubernetes\n"), "type", 13, 7,
        w({ "\"kubernetes\"" }), "type: managed");
    row("scale_settings target_utilization", D,
        plus("scale_settings:\n  type: target_utilization\n"), "scale_settings.type", 14, 9,
        w({ "Kubernetes" }), "type: default");
    row("scale_settings autoscale field", D,
        plus("scale_settings:\n  target_utilization_percentage: 70\n"),
        "scale_settings.target_utilization_percentage", 14, 3, w({ "Kubernetes" }), "Remove it");
    row("compute on a managed endpoint", E, "name: my-endpoint\ncompute: azureml:k8s-compute\n",
        "compute", 2, 10, w({ "Kubernetes online endpoints only" }), "Remove `compute`");
    row("identity user_assigned without ids", E,
        "name: my-endpoint\nidentity:\n  type: user_assigned\n",
        "identity.user_assigned_identities", 2, 1, w({ "no identities are listed" }),
        "resource_id:");
    row("identity without type", E, "name: my-endpoint\nidentity:\n  principal_id: x\n",
        "identity.type", 2, 1, w({ "`identity.type` is missing" }), "type: system_assigned");
    row("local_command on Azure", Kind::AzureDeployment,
        plus("local_command: [python3, serve.py]\n"), "local_command", 13, 16,
        w({ "local workspaces" }), "Remove it");
    row("local_python on Azure", Kind::AzureDeployment, plus("local_python: python3\n"),
        "local_python", 13, 15, w({ "local workspaces" }), "Remove it");
    row("instance_type missing on Azure", Kind::AzureDeployment,
        with("instance_type: Standard_DS3_v2\n", ""), "instance_type", -1, -1,
        w({ "no `instance_type`" }), "instance_type: Standard_DS3_v2");
    row("local_command not a list", D, plus("local_command: python3 serve.py\n"), "local_command",
        13, 16, w({ "list of strings" }), "local_command: [python3, serve.py");
    row("local_python with local_command", D,
        plus("local_command: [python3, serve.py]\nlocal_python: python3\n"), "local_python", 14, 15,
        w({ "keep one of them" }), "keep one");

    // --- --set overrides: same checks, no line (the value is not in the file)
    row("override without =", D, base(), "--set", 0, 0, w({ "--set instance_count" }), "key=value",
        { QStringLiteral("instance_count") });
    row("override with an empty key", D, base(), "--set", 0, 0, w({ "key before '=' is empty" }),
        "--set instance_count=2", { QStringLiteral("=5") });
    row("override with an empty part", D, base(), "request_settings..request_timeout_ms", 0, 0,
        w({ "empty part" }), "single dots",
        { QStringLiteral("request_settings..request_timeout_ms=1") });
    row("override of an unknown field", D, base(), "instance_cnt", 0, 0,
        w({ "--set instance_cnt=2", "unknown field" }), "did you mean `instance_count`",
        { QStringLiteral("instance_cnt=2") });
    row("override of an unknown nested field", E, "name: my-endpoint\n", "identity.kind", 0, 0,
        w({ "--set identity.kind=x", "unknown field" }), "allowed fields in `identity`",
        { QStringLiteral("identity.kind=x") });
    row("override with a wrong type", D, base(), "instance_count", 0, 0,
        w({ "--set instance_count=two", "integer" }), "1 to 50",
        { QStringLiteral("instance_count=two") });
    row("override out of range", D, base(), "request_settings.request_timeout_ms", 0, 0,
        w({ "--set request_settings.request_timeout_ms=999999" }), "from 1 to 180000",
        { QStringLiteral("request_settings.request_timeout_ms=999999") });
    row("override below a single value", D, base(), "instance_count.x", 0, 0, w({ "single value" }),
        "set `instance_count` itself", { QStringLiteral("instance_count.x=1") });
    row("override with invalid YAML", D, base(), "description", 0, 0, w({ "not valid YAML" }),
        "quote it", { QStringLiteral("description=[a") });
    row("override of traffic", E, "name: my-endpoint\n", "traffic.blue", 0, 0,
        w({ "--set traffic.blue=101" }), "from 0 to 100", { QStringLiteral("traffic.blue=101") });
    row("apply: rename refused", Kind::ApplyDeployment, base(), "name", 0, 0,
        w({ "cannot be changed" }), "create a new deployment", { QStringLiteral("name=green") });
    row("apply: wrong type", Kind::ApplyDeployment, base(), "instance_count", 0, 0,
        w({ "--set instance_count=many" }), "1 to 50", { QStringLiteral("instance_count=many") });
    row("apply: changed path missing", Kind::ApplyDeployment, base(), "code_configuration.code", 0,
        0, w({ "does not exist" }), "fix the path",
        { QStringLiteral("code_configuration.code=/nonexistent/rolloutdesk/src") });
    row("apply: mirror above 50", Kind::ApplyEndpoint, "name: my-endpoint\n",
        "mirror_traffic.green", 0, 0, w({ "mirror traffic" }), "at most 50",
        { QStringLiteral("mirror_traffic.green=70") });
}

void TestYamlBadInput::badInput()
{
    QFETCH(Kind, kind);
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, overrides);
    QFETCH(QString, target);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QStringList, words);
    QFETCH(QString, fix);

    const QString source = QStringLiteral("spec.yml");
    LoadOptions options;
    options.workspace = kind == Kind::AzureDeployment ? Workspace::Azure : Workspace::Local;
    bool fromFile = overrides.isEmpty();
    std::optional<Error> error;
    auto take = [&](const auto &result) {
        if (!result.ok())
            error = result.error();
    };
    switch (kind) {
    case Kind::Endpoint:
        options.setOverrides = overrides;
        take(parseEndpoint(yaml, m_dir.path(), options, source));
        break;
    case Kind::Deployment:
    case Kind::AzureDeployment:
        options.setOverrides = overrides;
        take(parseDeployment(yaml, m_dir.path(), options, source));
        break;
    case Kind::ApplyDeployment: {
        const Result<Deployment> loaded = parseDeployment(yaml, m_dir.path());
        QVERIFY(loaded.ok());
        take(applyOverrides(*loaded, overrides));
        fromFile = false;
        break;
    }
    case Kind::ApplyEndpoint: {
        const Result<Endpoint> loaded = parseEndpoint(yaml, m_dir.path());
        QVERIFY(loaded.ok());
        take(applyOverrides(*loaded, overrides));
        fromFile = false;
        break;
    }
    }
    QVERIFY2(error.has_value(), "the bad input was accepted");

    const QString message = error->message;
    const QString report
        = error->toString() + QStringLiteral(" [target ") + error->target + QLatin1Char(']');
    QVERIFY2(!message.isEmpty(), qPrintable(report));
    if (!target.isNull())
        QVERIFY2(error->target == target, qPrintable(report));
    if (line >= 0)
        QVERIFY2(error->line == line, qPrintable(report));
    if (column >= 0)
        QVERIFY2(error->column == column, qPrintable(report));
    for (QString word : std::as_const(words)) {
        word.replace(QStringLiteral("$DIR"), m_dir.path());
        QVERIFY2(message.contains(word, Qt::CaseInsensitive),
            qPrintable(QStringLiteral("'%1' missing from: %2").arg(word, report)));
    }
    QVERIFY2(message.contains(fix, Qt::CaseInsensitive),
        qPrintable(QStringLiteral("fix '%1' missing from: %2").arg(fix, report)));
    // Messages name where the problem is: the file, or the command-line override.
    if (fromFile)
        QVERIFY2(message.startsWith(source), qPrintable(report));
    else
        QVERIFY2(message.contains(QStringLiteral("--set")), qPrintable(report));
}

void TestYamlBadInput::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("absent.yml"));
    const Result<Deployment> d = loadDeploymentFile(path);
    QVERIFY(!d.ok());
    QCOMPARE(d.error().code, QStringLiteral("NotFound"));
    QVERIFY(d.error().message.contains(path));
    QVERIFY(d.error().message.contains(QStringLiteral("--file")));

    const Result<Endpoint> e = loadEndpointFile(m_dir.path());
    QVERIFY(!e.ok());
    QVERIFY(e.error().message.contains(QStringLiteral("is a folder")));

    // A file's errors are named by its path, and a bad override of a file's name by its flag.
    const QString spec = m_dir.filePath(QStringLiteral("bad.yml"));
    QFile file(spec);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name: x\n");
    file.close();
    const Result<Endpoint> shortName = loadEndpointFile(spec);
    QVERIFY(!shortName.ok());
    QVERIFY(shortName.error().message.startsWith(spec));
    QCOMPARE(shortName.error().line, 1);
    LoadOptions renamed;
    renamed.nameOverride = QStringLiteral("9lives");
    const Result<Endpoint> badFlag = loadEndpointFile(spec, renamed);
    QVERIFY(!badFlag.ok());
    QVERIFY2(badFlag.error().message.startsWith(QStringLiteral("--name 9lives")),
        qPrintable(badFlag.error().message));
    QCOMPARE(badFlag.error().line, 0);
}

void TestYamlBadInput::neverThrows_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01name: \x80\x81", 12);
    QTest::newRow("deep nesting") << QByteArray(5000, '[');
    QTest::newRow("unclosed quote") << QByteArray("name: \"blue\nmodel: x\n");
    QTest::newRow("anchors everywhere") << QByteArray("a: &x {b: *x}\nname: *x\n");
    QTest::newRow("complex key") << QByteArray("? [a, b]\n: c\nname: blue\n");
    QTest::newRow("undefined alias") << QByteArray("name: *nothing\n");
    QTest::newRow("NUL bytes and a comma (fuzzer find)")
        << QByteArray("\x00,\x00\x00\x00m \x00:\x00" "anz\n", 14);
    QTest::newRow("tagged values")
        << QByteArray("name: !!binary aGVsbG8=\ninstance_count: !!str 3\n");
}

void TestYamlBadInput::neverThrows()
{
    QFETCH(QByteArray, yaml);
    // Whatever the text, the loader answers with a value (an Error here), never an exception.
    const Result<Deployment> d = parseDeployment(yaml, m_dir.path());
    const Result<Endpoint> e = parseEndpoint(yaml, m_dir.path());
    QVERIFY(!d.ok());
    QVERIFY(!e.ok());
    QVERIFY(!d.error().message.isEmpty());
    QVERIFY(!e.error().message.isEmpty());
}

QTEST_APPLESS_MAIN(TestYamlBadInput)
#include "tst_yamlbadinput.moc"
