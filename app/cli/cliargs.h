#pragma once

// Command-line parsing in the manner of `az`: a command path ("online-endpoint create"),
// long and short options, repeatable ones (--set), flags, and errors that name the
// offending argument (exit code 2).

#include "result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

struct CliOption
{
    QString name; // long name without dashes: "name"
    QString shortName; // "n", or empty
    QString help;
    bool takesValue = true;
    bool repeatable = false; // --set a=1 --set b=2, or --set a=1 b=2
    bool required = false;
    QStringList aliases; // other long names: "endpoint" for "endpoint-name"
    QString valueName = QStringLiteral("VALUE");
};

struct CliCommand
{
    QString group; // "online-endpoint"
    QString name; // "create"
    QString summary;
    QList<CliOption> options;
    QStringList examples;
};

struct ParsedArgs
{
    QMap<QString, QStringList> values; // long name -> values (flags: one empty value)
    bool isSet(const QString &name) const { return values.contains(name); }
    QString value(const QString &name) const
    {
        return values.value(name).isEmpty() ? QString() : values.value(name).constLast();
    }
    QStringList all(const QString &name) const { return values.value(name); }
};

namespace CliArgs {

// Options every command takes (output, query, debug, help...).
QList<CliOption> globalOptions();

// Parses `arguments` (after the command path) against the command's options and the
// global ones. Errors say which argument is wrong and how to get help.
Result<ParsedArgs> parse(const CliCommand &command, const QStringList &arguments);

QString helpText(const CliCommand &command);

} // namespace CliArgs
