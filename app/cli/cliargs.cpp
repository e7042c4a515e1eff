#include "cliargs.h"

namespace {

Error usage(const QString &message, const CliCommand &command)
{
    return Error { QStringLiteral("UsageError"),
        QStringLiteral("%1\nTry 'rolloutctl %2 %3 --help' for the options.")
            .arg(message, command.group, command.name),
        QString(), 0, 0 };
}

const CliOption *findOption(const QList<CliOption> &options, const QString &arg, bool isShort)
{
    for (const CliOption &option : options) {
        if (isShort ? option.shortName == arg
                    : (option.name == arg || option.aliases.contains(arg)))
            return &option;
    }
    return nullptr;
}

} // namespace

namespace CliArgs {

QList<CliOption> globalOptions()
{
    auto flag = [](const char *name, const char *shortName, const char *help) {
        CliOption o;
        o.name = QLatin1String(name);
        o.shortName = QLatin1String(shortName);
        o.help = QLatin1String(help);
        o.takesValue = false;
        return o;
    };
    CliOption output;
    output.name = QStringLiteral("output");
    output.shortName = QStringLiteral("o");
    output.help
        = QStringLiteral("Output format: json (default), jsonc, tsv, table, yaml, yamlc, none.");
    output.valueName = QStringLiteral("FORMAT");
    CliOption query;
    query.name = QStringLiteral("query");
    query.help = QStringLiteral("JMESPath query string, e.g. traffic or \"[].name\".");
    query.valueName = QStringLiteral("JMESPATH");
    auto workspace = [](const char *name, const char *shortName, const char *help) {
        CliOption o;
        o.name = QLatin1String(name);
        o.shortName = QLatin1String(shortName);
        o.help = QLatin1String(help);
        return o;
    };
    return { output, query,
        workspace("subscription", "", "Azure subscription id (default: `configure --defaults`)."),
        workspace("resource-group", "g",
            "Azure resource group; with --workspace-name, an Azure ML workspace instead of the "
            "local one (default: `configure --defaults group=`)."),
        workspace("workspace-name", "w",
            "Azure ML workspace name (default: `configure --defaults workspace=`)."),
        flag("only-show-errors", "", "Only show errors, suppressing warnings."),
        flag("debug", "", "Show the HTTP calls made (secrets masked)."),
        flag("verbose", "", "Show more progress information."),
        flag("help", "h", "Show this help message and exit.") };
}

Result<ParsedArgs> parse(const CliCommand &command, const QStringList &arguments)
{
    const QList<CliOption> all = command.options + globalOptions();
    ParsedArgs parsed;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString arg = arguments[i];
        QString inlineValue;
        bool hasInline = false;
        const CliOption *option = nullptr;
        if (arg.startsWith(QLatin1String("--"))) {
            QString name = arg.mid(2);
            if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
                inlineValue = name.mid(eq + 1);
                name = name.left(eq);
                hasInline = true;
            }
            option = findOption(all, name, false);
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() >= 2) {
            option = findOption(all, arg.mid(1, 1), true);
            if (option && arg.size() > 2) {
                inlineValue = arg.mid(2);
                hasInline = true;
            }
        } else {
            return usage(QStringLiteral("unrecognized argument: '%1'").arg(arg), command);
        }
        if (!option)
            return usage(QStringLiteral("unrecognized arguments: %1").arg(arg), command);
        if (!option->takesValue) {
            if (hasInline)
                return usage(
                    QStringLiteral("argument --%1 takes no value").arg(option->name), command);
            parsed.values[option->name] = QStringList { QString() };
            continue;
        }
        QStringList values;
        if (hasInline) {
            values << inlineValue;
        } else {
            // A value may itself start with '-' (e.g. a negative number): take the next
            // argument unless it is a known option.
            if (i + 1 >= arguments.size())
                return usage(QStringLiteral("argument --%1/-%2: expected one argument")
                                 .arg(option->name, option->shortName),
                    command);
            values << arguments[++i];
        }
        if (option->repeatable) {
            // --set a=1 b=2: following words that are not options belong to it too.
            while (i + 1 < arguments.size() && !arguments[i + 1].startsWith(QLatin1Char('-')))
                values << arguments[++i];
            parsed.values[option->name] += values;
        } else {
            if (parsed.values.contains(option->name) && parsed.values[option->name] != values) {
                return usage(QStringLiteral("argument --%1 was given twice with different values")
                                 .arg(option->name),
                    command);
            }
            parsed.values[option->name] = values;
        }
    }
    if (parsed.isSet(QStringLiteral("help")))
        return parsed;
    for (const CliOption &option : command.options) {
        if (option.required && !parsed.isSet(option.name)) {
            return usage(
                QStringLiteral("the following arguments are required: --%1%2")
                    .arg(option.name,
                        option.shortName.isEmpty() ? QString()
                                                   : QStringLiteral("/-") + option.shortName),
                command);
        }
    }
    return parsed;
}

QString helpText(const CliCommand &command)
{
    QString text = QStringLiteral("\nCommand\n    rolloutctl %1 %2 : %3\n\nArguments\n")
                       .arg(command.group, command.name, command.summary);
    auto describe = [&](const QList<CliOption> &options) {
        for (const CliOption &o : options) {
            QString flags = QStringLiteral("--") + o.name;
            for (const QString &alias : o.aliases)
                flags += QStringLiteral(" --") + alias;
            if (!o.shortName.isEmpty())
                flags += QStringLiteral(" -") + o.shortName;
            if (o.required)
                flags += QStringLiteral(" [Required]");
            text += QStringLiteral("    %1\n        %2\n").arg(flags, -36).arg(o.help);
        }
    };
    describe(command.options);
    text += QStringLiteral("\nGlobal Arguments\n");
    describe(globalOptions());
    if (!command.examples.isEmpty()) {
        text += QStringLiteral("\nExamples\n");
        for (const QString &example : command.examples)
            text += QStringLiteral("    ") + example + QLatin1Char('\n');
    }
    return text;
}

} // namespace CliArgs
