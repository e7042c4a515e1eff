// libFuzzer target: the Azure ML CLI v2 YAML loader (app/core yaml*). Any input must come
// back as a value or an Error, never a crash, a hang or a sanitizer report; what loads
// must also be writable as YAML again.
//
// The first byte picks the kind (endpoint or deployment), the workspace (local or Azure)
// and whether the first line is a `--set key=value` override; the rest is the YAML text.

#include "yamlspec.h"

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>

namespace {

// Relative paths resolve here; it does not exist, so local path checks fail cleanly
// without the fuzzer touching real files.
const QString kBaseDir = QStringLiteral("/nonexistent-rolloutdesk-fuzz");

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t mode = data[0];
    QByteArray yaml(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    YamlSpec::LoadOptions options;
    options.workspace = (mode & 2) ? YamlSpec::Workspace::Azure : YamlSpec::Workspace::Local;
    if (mode & 4) {
        const qsizetype eol = yaml.indexOf('\n');
        const QByteArray first = eol < 0 ? yaml : yaml.left(eol);
        options.setOverrides << QString::fromUtf8(first);
        yaml = eol < 0 ? QByteArray() : yaml.mid(eol + 1);
    }

    if (mode & 1) {
        const Result<Deployment> deployment = YamlSpec::parseDeployment(yaml, kBaseDir, options);
        if (deployment) {
            (void)YamlSpec::toYaml(deployment.value());
            (void)YamlSpec::applyOverrides(deployment.value(), options.setOverrides);
        } else {
            (void)deployment.error().toString();
        }
    } else {
        const Result<Endpoint> endpoint = YamlSpec::parseEndpoint(yaml, kBaseDir, options);
        if (endpoint) {
            (void)YamlSpec::toYaml(endpoint.value());
            (void)YamlSpec::applyOverrides(endpoint.value(), options.setOverrides);
        } else {
            (void)endpoint.error().toString();
        }
    }
    return 0;
}
