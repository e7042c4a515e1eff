#include "cliapp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rolloutctl"));
    CliApp cli;
    return cli.run(QCoreApplication::arguments());
}
