#pragma once

// Internal to the YAML loader: the managed online endpoint and deployment schemas, read
// from a document through a Reader (yamlreader.h).

#include "yamlreader.h"
#include "yamlspec.h"

namespace YamlSpec::Detail {

enum class FileKind
{
    Endpoint,
    Deployment
};

struct ReadOptions
{
    Workspace workspace = Workspace::Local;
    // Checks that only a user's file gets: names, required fields, paths that exist. Off
    // when a resource read back from a workspace is re-read to apply `--set` overrides.
    bool strict = true;
};

// An endpoint file given as a deployment, or the reverse, or a Kubernetes/batch schema.
Status checkFileKind(const YAML::Node &root, FileKind expected, const QString &sourceName);

Endpoint readEndpoint(Reader &reader, const ReadOptions &options);
Deployment readDeployment(Reader &reader, const ReadOptions &options);

// Asset references kept as they are, never read as files.
enum class AssetUse
{
    Model,
    Code,
    Environment
};
// The kind of a model/code/environment string: a reference (checked) or a local path.
AssetKind classifyAsset(const QString &text);
// Fails unless `text` (already classified as a reference) is well formed for `use`.
void checkReference(Reader &reader, const YAML::Node &at, const QString &target,
    const QString &text, AssetKind kind, AssetUse use);

} // namespace YamlSpec::Detail
