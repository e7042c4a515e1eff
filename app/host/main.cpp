#include "hostapp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rolloutd"));
    HostApp host;
    if (const int code = host.start(QCoreApplication::arguments()); code >= 0)
        return code;
    return QCoreApplication::exec();
}
