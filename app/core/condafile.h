#pragma once

// A conda environment file (environment.conda_file of a deployment): which packages it
// asks for, conda's and pip's. The host checks them against the interpreter it runs.
// yaml-cpp exceptions stop here and come out as Errors with line and column.

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct CondaDependency
{
    QString name; // the package name: "numpy", "scikit-learn", "inference-schema"
    QString spec; // as written: "numpy=2.3.1", "inference-schema[numpy-support]"
    bool pip = false; // from the `pip:` sub-list
    int line = 0; // 1-based
};

struct CondaFile
{
    QString name;
    QStringList channels;
    QList<CondaDependency> dependencies;

    QStringList dependencyNames() const;

    static Result<CondaFile> parse(const QString &path);
    // `sourceName` names the text in messages (a path, usually).
    static Result<CondaFile> parseText(
        const QByteArray &yaml, const QString &sourceName = QString());

    // "numpy=2.3.1" -> "numpy", "conda-forge::scipy>=1" -> "scipy"; empty when none.
    static QString condaPackageName(const QString &spec);
    // "inference-schema[numpy-support]" -> "inference-schema", "x @ https://..." -> "x",
    // "git+https://...#egg=x" -> "x"; empty for options ("-r file", "--index-url ...").
    static QString pipPackageName(const QString &spec);
};
